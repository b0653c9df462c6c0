// The markup of one <cert-inspector>, inside its shadow root. No text here: every string is a
// catalogue key (data-i18n: text, data-i18n-attr: attributes), filled by lib/i18n.js
// applyTexts() in the element's language. data-section ties a part to the check families it
// shows (see SECTIONS in lib/inspector.js).

const ICON_LOCK = `<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M7 10V7a5 5 0 0 1 10 0v3" fill="none" stroke="currentColor" stroke-width="2"/><rect x="4.5" y="10" width="15" height="11" rx="2.5" fill="currentColor"/></svg>`;
const ICON_UPLOAD = `<svg class="icon dropzone-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 15V4M7.5 8.5 12 4l4.5 4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/><path d="M4 14v4.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V14" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;
const ICON_DOWNLOAD = `<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M12 4v11M7.5 10.5 12 15l4.5-4.5" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/><path d="M5 19.5h14" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;

export const TEMPLATE = `
<div class="ci" part="frame">
<p id="privacy" class="privacy">${ICON_LOCK}<span data-i18n="ui.privacy.line"></span></p>
<div class="layout">
  <section class="panel input-panel" aria-labelledby="input-heading">
    <h2 id="input-heading" class="full-only" data-i18n="ui.input.heading"></h2>

    <div class="field field-paste">
      <label for="paste" data-i18n="ui.paste.label"></label>
      <textarea id="paste" rows="9" spellcheck="false" autocomplete="off" autocapitalize="off"
        aria-describedby="paste-held-text paste-hint" data-i18n-attr="placeholder:ui.paste.placeholder"></textarea>
      <p id="paste-held" class="held-note" hidden>
        <span id="paste-held-text"></span>
        <button type="button" id="paste-held-clear" class="button button-small" data-i18n="ui.paste.held_clear"></button>
      </p>
      <p id="paste-hint" class="hint full-only" data-i18n="ui.paste.hint"></p>
    </div>

    <div class="field field-files">
      <input type="file" id="files" multiple class="visually-hidden" tabindex="-1" data-i18n-attr="aria-label:ui.files.label">
      <button type="button" id="dropzone" class="dropzone" aria-describedby="dropzone-hint">
        ${ICON_UPLOAD}
        <span class="dropzone-title" data-i18n="ui.dropzone.title"></span>
        <span id="dropzone-hint" class="dropzone-hint" data-i18n="ui.dropzone.hint"></span>
      </button>
    </div>

    <div class="inputs-block">
      <div class="inputs-head">
        <h3 id="inputs-heading" data-i18n="ui.inputs.heading"></h3>
        <button type="button" id="clear-all" class="button button-quiet button-small" hidden data-i18n="ui.inputs.clear_all"></button>
      </div>
      <ul id="inputs-list" class="inputs-list" aria-labelledby="inputs-heading"></ul>
      <p id="inputs-empty" class="hint" data-i18n="ui.inputs.empty"></p>
    </div>

    <div class="field" data-section="hosts">
      <label for="hosts" data-i18n="ui.hosts.label"></label>
      <input type="text" id="hosts" inputmode="url" autocomplete="off" autocapitalize="off" spellcheck="false"
        aria-describedby="hosts-hint" data-i18n-attr="placeholder:ui.hosts.placeholder">
      <p id="hosts-hint" class="hint" data-i18n="ui.hosts.hint"></p>
      <div id="host-suggestions" class="host-suggestions" hidden>
        <span class="hint" id="host-suggestions-label" data-i18n="ui.hosts.suggestions"></span>
        <ul class="suggestion-list" aria-labelledby="host-suggestions-label"></ul>
      </div>
    </div>

    <div class="field" data-section="at">
      <label for="at" data-i18n="ui.at.label"></label>
      <div class="inline-field">
        <input type="datetime-local" id="at" aria-describedby="at-hint">
        <button type="button" id="at-now" class="button button-quiet button-small" data-i18n="ui.at.now"></button>
      </div>
      <p id="at-hint" class="hint" data-i18n="ui.at.hint"></p>
    </div>

    <div class="field" id="password-row" hidden>
      <label for="password" data-i18n="ui.password.label"></label>
      <input type="password" id="password" autocomplete="off" aria-describedby="password-hint">
      <p id="password-hint" class="hint" data-i18n="ui.password.hint"></p>
    </div>

    <details class="field trust-box" id="trust-box" data-section="trust">
      <summary data-i18n="ui.trust.summary"></summary>
      <p class="hint" data-i18n="ui.trust.hint"></p>
      <input type="file" id="trust-files" multiple class="visually-hidden" tabindex="-1" data-i18n-attr="aria-label:ui.trust.files_label">
      <button type="button" id="trust-choose" class="button button-small" data-i18n="ui.trust.choose"></button>
      <ul id="trust-list" class="inputs-list trust-list" data-i18n-attr="aria-label:ui.trust.list_label"></ul>
    </details>

    <div class="status-box">
      <p id="status" role="status" aria-live="polite"></p>
      <progress id="status-progress" hidden data-i18n-attr="aria-label:ui.status.progress_label"></progress>
      <a href="#results" class="results-link" id="results-link" hidden data-i18n="ui.status.results_link"></a>
    </div>
  </section>

  <section id="results" class="results" aria-labelledby="results-heading" tabindex="-1">
    <h2 id="results-heading" class="visually-hidden" data-i18n="ui.results.heading"></h2>

    <div id="verdict" class="verdict" data-verdict="empty"></div>

    <section class="card" aria-labelledby="findings-heading">
      <h2 id="findings-heading" data-i18n="ui.findings.heading"></h2>
      <div id="findings" class="findings"></div>
    </section>

    <section class="card" aria-labelledby="chain-heading" data-section="chain">
      <div class="card-head">
        <h2 id="chain-heading" data-i18n="ui.chain.heading"></h2>
        <p id="chain-summary" class="chips"></p>
      </div>
      <div id="chain" class="chain"></div>
      <div id="other-chains" class="other-chains"></div>
    </section>

    <div class="grid-2">
      <section class="card" aria-labelledby="hosts-heading" data-section="hosts">
        <h2 id="hosts-heading" data-i18n="ui.hosts.heading"></h2>
        <table id="hosts-table" class="table" hidden>
          <caption class="visually-hidden" data-i18n="ui.hosts.caption"></caption>
          <thead><tr><th scope="col" data-i18n="ui.hosts.col.host"></th><th scope="col" data-i18n="ui.hosts.col.covered"></th><th scope="col" data-i18n="ui.hosts.col.entry"></th></tr></thead>
          <tbody></tbody>
        </table>
        <p id="hosts-note" class="empty-note"></p>
      </section>

      <section class="card" aria-labelledby="key-heading" data-section="key">
        <h2 id="key-heading" data-i18n="ui.key.heading"></h2>
        <div id="key-match" class="key-match"></div>
      </section>
    </div>

    <section class="card" aria-labelledby="deploy-heading" data-section="deploy">
      <h2 id="deploy-heading" data-i18n="ui.deploy.heading"></h2>
      <div class="deploy">
        <div class="deploy-step">
          <h3 data-i18n="ui.deploy.step1"></h3>
          <p class="hint" id="fullchain-note"></p>
          <div class="button-row">
            <button type="button" id="download-fullchain" class="button button-primary" disabled>${ICON_DOWNLOAD}<span data-i18n="ui.deploy.download"></span></button>
            <button type="button" id="copy-fullchain" class="button" disabled><span data-i18n="ui.deploy.copy"></span></button>
          </div>
        </div>
        <div class="deploy-step">
          <h3 data-i18n="ui.deploy.step2"></h3>
          <div class="inline-field">
            <label for="snippet-server" data-i18n="ui.deploy.server"></label>
            <select id="snippet-server">
              <option value="nginx">nginx</option>
              <option value="apache">Apache</option>
              <option value="haproxy">HAProxy</option>
            </select>
            <button type="button" id="copy-snippet" class="button" disabled><span data-i18n="ui.deploy.copy_snippet"></span></button>
          </div>
          <pre id="snippet" class="code" tabindex="0" data-i18n-attr="aria-label:ui.deploy.snippet_label"></pre>
          <p id="snippet-note" class="hint"></p>
        </div>
      </div>
    </section>

    <section class="card" aria-labelledby="objects-heading">
      <h2 id="objects-heading" data-i18n="ui.objects.heading"></h2>
      <p class="hint" data-i18n="ui.objects.hint"></p>
      <div id="objects" class="objects"></div>
    </section>
  </section>
</div>
</div>`;
