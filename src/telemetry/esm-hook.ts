// ES module imports are only instrumented if import-in-the-middle hooks the loader before the
// instrumented packages load (a silently uninstrumented ESM import is a known trap).
// Node 24 runs the hook synchronously in-thread, so no acknowledgement step is needed.
// Only the modules the instrumentations patch are intercepted: without an include list every ES
// module the service loads afterwards (its whole app) is rewritten into a wrapper, which cost
// about a tenth of a second of startup and slowed nothing but startup.
import { register, supportsSyncHooks } from "import-in-the-middle/register-hooks.mjs";
import { register as registerAsync } from "node:module";

let registered = false;

export function registerEsmHook(include: string[]): void {
  if (registered) return;
  registered = true;
  if (supportsSyncHooks()) register({ include });
  else registerAsync("import-in-the-middle/hook.mjs", import.meta.url, { data: { include } });
}
