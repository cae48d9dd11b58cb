// Env parsing any module may use: a bad value warns once (variable, value, default) and carries on.
export * from "./env.ts";
