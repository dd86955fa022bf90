// A language client, built on the protocol library that editor extensions
// use, that drives `flasklint server` through one session: it opens a
// vulnerable app.py whose finding sits after non-ASCII text on its line and
// checks the published diagnostics (UTF-16 ranges), the code actions, and a
// clean shutdown. Usage: node client.js FLASKLINT WORKSPACE
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const url = require('url');
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification, CodeActionRequest, ShutdownRequest, ExitNotification,
} = require('vscode-languageserver-protocol/node');

const [bin, workspace] = process.argv.slice(2);
const fail = (msg) => { console.error('lsp client: FAIL: ' + msg); process.exit(1); };
setTimeout(() => fail('no result within 60s'), 60000).unref();

const server = cp.spawn(bin, ['server'], { cwd: workspace, stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const published = [];
let waiting = null;
conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
  published.push(p);
  if (waiting) waiting();
});
conn.listen();

function diagnosticsFor(uri) {
  return new Promise((resolve) => {
    const look = () => {
      const p = published.find((x) => x.uri === uri);
      if (p) { waiting = null; resolve(p); }
    };
    waiting = look;
    look();
  });
}

function expectRange(what, range, line, start, end) {
  const got = `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
  const want = `${line}:${start}-${line}:${end}`;
  if (got !== want) fail(`${what}: range ${got}, want ${want} (UTF-16 code units)`);
}

async function main() {
  const appPath = path.join(workspace, 'app.py');
  const text = fs.readFileSync(appPath, 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('app.run('));
  const call = 'app.run(debug=True)';
  // JavaScript strings index UTF-16 code units, the protocol's default.
  const start = lines[line].indexOf(call);
  if (line < 0 || start < 0 || !/[^\x00-\x7f]/.test(lines[line].slice(0, start))) {
    fail('app.py has no non-ASCII text before app.run(debug=True)');
  }
  const uri = url.pathToFileURL(appPath).href;

  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: url.pathToFileURL(workspace).href,
    capabilities: { general: { positionEncodings: ['utf-16'] } },
    workspaceFolders: null,
  });
  if (init.capabilities.positionEncoding !== 'utf-16') fail('position encoding ' + init.capabilities.positionEncoding);
  if (init.serverInfo.name !== 'flasklint') fail('server name ' + init.serverInfo.name);
  conn.sendNotification(InitializedNotification.type, {});
  conn.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'python', version: 1, text },
  });

  const { diagnostics } = await diagnosticsFor(uri);
  const d = diagnostics.find((x) => x.code === 'FL101');
  if (!d) fail('no FL101 diagnostic: ' + JSON.stringify(diagnostics));
  expectRange('FL101', d.range, line, start, start + call.length);
  if (d.source !== 'flasklint' || d.severity !== 1) fail('source/severity ' + d.source + ' ' + d.severity);
  if (!d.codeDescription || !d.codeDescription.href.endsWith('#fl101')) fail('codeDescription ' + JSON.stringify(d));

  const actions = await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: d.range, context: { diagnostics: [d] },
  });
  const fix = actions.find((a) => a.title.startsWith('Fix FL101'));
  if (!fix) fail('no quick fix: ' + JSON.stringify(actions));
  const [edit] = fix.edit.changes[uri];
  const t = lines[line].indexOf('True', start);
  expectRange('the quick fix', edit.range, line, t, t + 4);
  if (edit.newText !== 'False') fail('the quick fix writes ' + edit.newText);
  if (!actions.some((a) => a.title === 'Suppress FL101 on this line')) fail('no suppression action');

  await conn.sendRequest(ShutdownRequest.type);
  conn.sendNotification(ExitNotification.type);
  server.on('exit', (code) => {
    if (code !== 0) fail('server exit code ' + code);
    console.log(`lsp client: ok (FL101 at ${line}:${start}-${line}:${start + call.length})`);
    process.exit(0);
  });
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
