// A tiny test harness shared by the package tests: check(name, fn) runs fn (sync or async)
// and prints one line, "ok - name", "not ok - name: why" or "skip - name: why"; done()
// prints the counts and sets the exit status. tests/npm/run.sh adds up the lines.
import assert from "node:assert/strict";

export { assert };

export class Skip extends Error {}
export const skip = (why) => {
  throw new Skip(why);
};

let passed = 0;
let failed = 0;
let skipped = 0;

export async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok - ${name}`);
  } catch (err) {
    if (err instanceof Skip) {
      skipped++;
      console.log(`skip - ${name}: ${err.message}`);
      return;
    }
    failed++;
    const why = String((err && err.message) || err).split("\n").slice(0, 12).join("\n    ");
    console.log(`not ok - ${name}: ${why}`);
  }
}

export function done(suite) {
  console.log(`# ${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exitCode = failed ? 1 : 0;
}
