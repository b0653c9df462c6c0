// Must compile (tsc --noEmit --strict): the package's API used as documented.
import {
  data, inspect, languages, loadData, parse, snippets, verifyLink, version,
  type CertlensInput, type ClientTrust, type DataInfo, type Finding, type InspectOptions, type Language, type Report,
} from "certlens";

declare const pem: string;
declare const key: Uint8Array;

const inputs: CertlensInput[] = [{ name: "fullchain.pem", data: pem }, { name: "privkey.pem", data: key }];
const options: InspectOptions = {
  hosts: ["www.example.com"], at: "2026-06-01T00:00:00Z", lang: "zh", checks: ["key_match", "order"],
};
const report: Report = await inspect(inputs, options);
const verdict: "ok" | "problems" = report.verdict;
const errors: number = report.summary.errors;
const lines: string[] = report.findings.map((f: Finding) => `${f.severity} ${f.check}/${f.code}: ${f.message}`);
const fixes: (string | null)[] = report.findings.map((f) => f.fix);
const allMatch: boolean = report.key_matches.every((m) => m.matches);
const leaf = report.chain.leaf === null ? undefined : report.objects[report.chain.leaf];
const md5: string | undefined = leaf?.pubkey_md5;
const covered: boolean[] = report.hosts.map((h) => h.covered);
const fullchain: string | null = report.fullchain_pem;
const lang: string = report.lang;
// Root programs and public intermediates.
const clients: ClientTrust[] = report.chain.clients;
const refused: string[] = clients.filter((c) => !c.trusted).map((c) => `${c.client}: ${c.message}`);
const rootName: string | undefined = report.chain.root?.name;
const addedIds: number[] = report.chain.added;
const completedBy: boolean = report.objects.some((o) => o.added === true);
const intermediates: "loaded" | "loading" | "unavailable" = report.data.public_intermediates;
const rootsDate: string | null = report.data.root_programs_date;
const infos: DataInfo[] = await data();
const info: DataInfo = await loadData(new Uint8Array(0));
const kind: "root-programs" | "public-intermediates" = info.kind;
await inspect(inputs, { intermediates: "loading" });

const objects = await parse([{ name: "a.der", data: new ArrayBuffer(0) }]);
const kinds: string[] = objects.map((o) => o.kind);
const link = await verifyLink(pem, pem);
const why: string | null = link.verified ? null : link.reason;
const nginx: string = (await snippets({ certificate: "fullchain.pem", key: "privkey.pem" })).nginx;
const v: string = await version();
const all: readonly Language[] = languages;
await inspect(inputs); // options are optional

console.log(verdict, errors, lines, fixes, allMatch, md5, covered, fullchain, lang, kinds, why, nginx, v, all);
console.log(refused, rootName, addedIds, completedBy, intermediates, rootsDate, infos, kind);
