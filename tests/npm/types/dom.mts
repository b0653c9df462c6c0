// Must compile: the <cert-inspector> element and its report event, as a page script uses them.
import { CertInspector } from "certlens/cert-inspector.js";
import type { CertInspectorElement, Report } from "certlens";

const el = document.querySelector("cert-inspector");
el?.addEventListener("report", (event) => {
  const report: Report = event.detail;
  console.log(report.verdict, report.summary.errors, report.findings.map((f) => f.code));
});
const made: CertInspectorElement = document.createElement("cert-inspector");
made.setAttribute("hosts", "www.example.com");
made.toggleAttribute("compact", true);
made.addEventListener("click", (event: MouseEvent) => console.log(event.button));
document.body.append(made);
made.addEventListener("ready", (event) => console.log(event.detail.version.length));
const latest: Report | null = made.report;
made.preload();
console.log(latest?.verdict);
const constructed: CertInspectorElement = new CertInspector();
console.log(constructed.tagName);
