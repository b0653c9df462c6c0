// Loaded first (see index.html): starts the checker, so that the workers and the wasm load
// while the rest of the page's modules are still arriving. app.js connects to it.
import { Checker } from "./checker.js";

export const checker = new Checker();
