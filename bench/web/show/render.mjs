// Shows parsed certificates on the page: what a 'parse and show' page does with them.
export function render(el, certs) {
  el.textContent = certs
    .map((c) =>
      c.error
        ? `unreadable: ${c.error}`
        : [
            `subject: ${c.subject}`,
            `issuer:  ${c.issuer}`,
            `valid:   ${new Date(c.notBefore).toISOString()} to ${new Date(c.notAfter).toISOString()}`,
            `names:   ${[...c.dns, ...c.ips].join(', ')}`,
            `key:     ${c.key}`,
            `SHA-256: ${c.sha256}`,
          ].join('\n'),
    )
    .join('\n\n');
}
