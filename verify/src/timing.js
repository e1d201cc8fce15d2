// Where verify.html's time goes, for benchmarks/verify_html_bench.py: User Timing measures named
// "vidne:…" (performance.measure), which the browser keeps to itself; the page shows none of them.
export async function timed(name, work) {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(`vidne:${name}`, { start, end: performance.now() });
  }
}
