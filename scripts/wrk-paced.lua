-- wrk script: each connection waits WRK_PAUSE_MS milliseconds (environment, default 5) after each
-- answer before its next request, so that 64 connections model 64 visitors arriving at a steady
-- rate instead of a closed loop at the machine's limit; prints the same percentiles as
-- wrk-percentiles.lua.
local pause = tonumber(os.getenv("WRK_PAUSE_MS") or "5")

function delay()
  return pause
end

done = function(summary, latency, requests)
  io.write("percentiles (ms):")
  for _, p in ipairs({50, 90, 95, 99, 99.9}) do
    io.write(string.format(" p%g=%.2f", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("\nrequests %d, errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
