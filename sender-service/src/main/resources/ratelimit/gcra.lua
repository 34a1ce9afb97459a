-- One token bucket, as the generic cell rate algorithm: KEYS[1] holds the bucket's theoretical arrival time (TAT),
-- in milliseconds of the Redis server's clock (one clock for every sender).
-- ARGV[1] interval (ms per request), ARGV[2] tolerance (ms of burst credit), ARGV[3] '1' to take a token, '0' to
-- only look. Returns 0 when a request may go now, else how many ms until one may.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then
  tat = now
end
local wait = tat - tolerance - now
if wait > 0 then
  return wait
end
if ARGV[3] == '1' then
  local next_tat = tat + interval
  redis.call('SET', KEYS[1], next_tat, 'PX', next_tat - now + 1000)
end
return 0
