-- wrk script: each connection waits WRK_PAUSE_MS milliseconds (environment, default 5) after each
-- answer before its next request, so that 64 connections model 64 visitors arriving at a steady
-- rate instead of a closed loop at the machine's limit; prints the same percentiles as
-- wrk-percentiles.lua, whose done() it loads from beside this file.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "wrk-percentiles.lua")

local pause = tonumber(os.getenv("WRK_PAUSE_MS") or "5")

function delay()
  return pause
end
