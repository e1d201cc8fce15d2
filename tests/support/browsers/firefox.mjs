// Drives the system's Firefox over WebDriver BiDi (puppeteer-core; no browser is downloaded) for
// tests/e2e/test_verify_html_browsers.py. One browser for the whole module; commands arrive as JSON
// lines on stdin ({"id", "op", ...}) and each gets one JSON line on stdout ({"id", "value"} or
// {"id", "error"}). Every request a page makes is recorded (BiDi's network events) and returned by
// "requests"; the Firefox profile sends everything else to the test's recording proxy.
//
//   node firefox.mjs FIREFOX PROXY_PORT LANGUAGES
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, proxyPort, languages] = process.argv.slice(2);
const port = Number(proxyPort);
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  protocol: "webDriverBiDi",
  // lets the profile point remote settings (the blocklists Firefox fetches at start) at nothing
  env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: "1" },
  extraPrefsFirefox: {
    "intl.accept_languages": languages,
    "services.settings.server": "data:,#remote-settings-dummy/v1",
    // every connection, also to 127.0.0.1, goes to the recording proxy, which refuses it
    "network.proxy.type": 1,
    "network.proxy.http": "127.0.0.1", "network.proxy.http_port": port,
    "network.proxy.ssl": "127.0.0.1", "network.proxy.ssl_port": port,
    "network.proxy.socks": "", "network.proxy.no_proxies_on": "",
    "network.proxy.allow_hijacking_localhost": true,
    "network.proxy.share_proxy_settings": true,
  },
});

let page = null;
const requests = [];

const ops = {
  async version() { return await browser.version(); },
  async open({ url, init }) {
    if (page) await page.close();
    page = await browser.newPage();
    page.on("request", (request) => requests.push(request.url()));
    if (init) await page.evaluateOnNewDocument(init);
    await page.goto(url);
    return null;
  },
  async files({ selector, paths }) {
    const input = await page.$(selector);
    await input.uploadFile(...paths);
    return null;
  },
  async evaluate({ script, args }) {
    // the body of a function of `args`, as in WebDriver's executeScript
    return await page.evaluate(new Function("args", script), args ?? []);
  },
  async wait({ script, args, timeout }) {
    await page.waitForFunction(new Function("args", script), { timeout, polling: 100 }, args ?? []);
    return null;
  },
  async click({ selector }) { await page.click(selector); return null; },
  async requests() { return requests.splice(0); },
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, op, ...params } = JSON.parse(line);
  let answer;
  try {
    answer = { id, value: (await ops[op](params)) ?? null };
  } catch (e) {
    answer = { id, error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
await browser.close();
