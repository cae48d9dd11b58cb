import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".stack/", "collector/build/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Tests and the backend clients read loosely typed answers of other systems (OTLP JSON, backend APIs).
    files: ["test/**", "src/backends/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
