// ES module imports are only instrumented if import-in-the-middle hooks the loader before the
// instrumented packages load (a silently uninstrumented ESM import is a known trap).
// Node 24 runs the hook synchronously in-thread, so no acknowledgement step is needed.
import { register, supportsSyncHooks } from "import-in-the-middle/register-hooks.mjs";
import { register as registerAsync } from "node:module";

let registered = false;

export function registerEsmHook(): void {
  if (registered) return;
  registered = true;
  if (supportsSyncHooks()) register();
  else registerAsync("import-in-the-middle/hook.mjs", import.meta.url);
}
