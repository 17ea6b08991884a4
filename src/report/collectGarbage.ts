import v8 from "node:v8";
import vm from "node:vm";

/**
 * A full garbage collection, now. Rendering a report against a target with large
 * bodies makes tens of megabytes of short-lived strings; V8 grows its heap rather
 * than collect them between reports, and a run's peak memory doubled. Node offers
 * `gc` only behind --expose-gc, which a bin cannot pass to itself: the flag is set
 * at run time and the function taken from a fresh context.
 */
let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    v8.setFlagsFromString("--expose-gc");
    gc = vm.runInNewContext("gc") as () => void;
  }
  gc();
}
