// The shape of src/ read from its imports: rooms (the folders directly under src/), the floor each
// sits on, arrows (one per pair of rooms with an import between them), the arrows that run back up
// a floor, and cycles between rooms. `node tools/import-graph.ts` prints the picture;
// test/tools/import-graph.test.ts holds it at 0 upward arrows and 0 cycles.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * Lower floors never import higher ones. A room imports only rooms on its own floor or below, and
 * a new room gets a floor here before it can be imported (the test names any room missing).
 */
export const FLOORS: Record<string, number> = {
  // Pure code and plumbing anything may use.
  config: 0,
  corpus: 0,
  domain: 0,
  lifecycle: 0,
  paths: 0,
  redaction: 0,
  request: 0,
  // The OTel set-up, then what every service's HTTP layer shares.
  telemetry: 1,
  http: 2,
  // The services; the clients of the backends' APIs (src/backends), which need nothing above
  // plumbing: the stack provisions through them, and they know nothing of it.
  services: 3,
  backends: 3,
  // Provisioning and running the stack; the load generator.
  stack: 4,
  loadgen: 4,
  // What reads or configures a running stack.
  alerting: 5,
  dashboards: 5,
  trace: 5,
  // The console reads through trace; src/*.ts (no room) are entry points that compose the rest.
  console: 6,
  "(entry)": 7,
};

export interface Arrow {
  from: string;
  to: string;
  /** Importing file → imported file, every import that makes this arrow. */
  imports: string[];
}

export interface ImportPicture {
  rooms: string[];
  floors: number;
  arrows: Arrow[];
  upward: Arrow[];
  cycles: string[][];
  /** Rooms with no floor in FLOORS. */
  unplaced: string[];
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']+)["']/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function roomOf(srcDir: string, file: string): string | undefined {
  const path = relative(srcDir, file);
  if (path.startsWith("..")) return undefined;
  const parts = path.split("/");
  return parts.length > 1 ? parts[0] : "(entry)";
}

/** Relative imports of one file's text (comments included: a commented-out import is rare enough). */
export function importsOf(text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((match) => match[1]!);
}

export function readImportPicture(srcDir: string): ImportPicture {
  const files = sourceFiles(srcDir);
  const byPair = new Map<string, Arrow>();
  const rooms = new Set<string>();
  for (const file of files) {
    const from = roomOf(srcDir, file)!;
    rooms.add(from);
    for (const specifier of importsOf(readFileSync(file, "utf8"))) {
      const to = roomOf(srcDir, resolve(dirname(file), specifier));
      if (!to || to === from) continue;
      const key = `${from}→${to}`;
      const arrow = byPair.get(key) ?? { from, to, imports: [] };
      arrow.imports.push(`${relative(srcDir, file)} → ${specifier}`);
      byPair.set(key, arrow);
    }
  }
  const arrows = [...byPair.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  const roomList = [...rooms].sort();
  const unplaced = roomList.filter((room) => FLOORS[room] === undefined);
  const upward = arrows.filter((arrow) => (FLOORS[arrow.to] ?? Infinity) > (FLOORS[arrow.from] ?? -Infinity));
  const floors = new Set(roomList.map((room) => FLOORS[room]).filter((floor) => floor !== undefined)).size;
  return { rooms: roomList, floors, arrows, upward, cycles: cyclesOf(roomList, arrows), unplaced };
}

/** Strongly connected groups of more than one room (Tarjan): each is a cycle, or several. */
function cyclesOf(rooms: string[], arrows: Arrow[]): string[][] {
  const next = new Map(rooms.map((room) => [room, arrows.filter((a) => a.from === room).map((a) => a.to)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const visit = (room: string) => {
    index.set(room, index.size);
    low.set(room, index.get(room)!);
    stack.push(room);
    for (const to of next.get(room) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(room, Math.min(low.get(room)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(room, Math.min(low.get(room)!, index.get(to)!));
    }
    if (low.get(room) === index.get(room)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        group.push(member);
      } while (member !== room);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const room of rooms) if (!index.has(room)) visit(room);
  return groups;
}

export function describe(picture: ImportPicture): string {
  const lines = [
    `${picture.rooms.length} rooms on ${picture.floors} floors, ${picture.arrows.length} arrows, ${picture.upward.length} upward, ${picture.cycles.length} cycles`,
  ];
  const byFloor = new Map<number, string[]>();
  for (const room of picture.rooms) byFloor.set(FLOORS[room] ?? -1, [...(byFloor.get(FLOORS[room] ?? -1) ?? []), room]);
  for (const [floor, rooms] of [...byFloor].sort((a, b) => b[0] - a[0])) lines.push(`  floor ${floor < 0 ? "?" : floor}: ${rooms.join(", ")}`);
  for (const arrow of picture.upward) lines.push(`  up: ${arrow.from} → ${arrow.to} (${arrow.imports.join("; ")})`);
  for (const cycle of picture.cycles) lines.push(`  cycle: ${cycle.join(" ⇄ ")}`);
  for (const room of picture.unplaced) lines.push(`  no floor: ${room} (give it one in tools/import-graph.ts)`);
  return lines.join("\n");
}

if (import.meta.main) {
  const picture = readImportPicture(join(import.meta.dirname, "..", "src"));
  console.log(describe(picture));
  if (process.argv.includes("--arrows")) for (const arrow of picture.arrows) console.log(`  ${arrow.from} → ${arrow.to} (${arrow.imports.length})`);
}
