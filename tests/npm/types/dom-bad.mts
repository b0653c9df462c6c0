// Must NOT compile: the report event's detail is a Report.
import "certlens/cert-inspector.js";

const el = document.querySelector("cert-inspector");
el?.addEventListener("report", (event) => {
  console.log(event.detail.verdicts); // ERROR: no such field
  const errors: string = event.detail.summary.errors; // ERROR: a number
  console.log(errors);
});
