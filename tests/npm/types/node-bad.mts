// Must NOT compile: every line marked ERROR is a mistake the types must catch.
import { inspect, loadData, version } from "certlens";

const report = await inspect([{ name: "a.pem", data: "" }]);
console.log(report.verdicts); // ERROR: no such field
const n: number = report.findings[0].code; // ERROR: code is a string
if (report.verdict === "failed") console.log("never"); // ERROR: not a verdict
await inspect([{ name: "a.pem", data: "" }], { lang: "fr" }); // ERROR: not a language
await inspect("a.pem"); // ERROR: inputs is an array
await inspect([{ name: "a.pem", data: 42 }]); // ERROR: data is bytes or text
const v: string = version(); // ERROR: version() is async
const trusted: string = report.chain.clients[0].trusted; // ERROR: trusted is a boolean
if (report.chain.clients[0].client === "opera") console.log("never"); // ERROR: not a client
await loadData("root-programs.der"); // ERROR: bytes, not a file name
await inspect([], { intermediates: "soon" }); // ERROR: "loading" or "unavailable"
console.log(n, v, trusted);
