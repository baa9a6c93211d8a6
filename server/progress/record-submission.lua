-- Records one graded submission and the exercise's progress in one step, so that a crash or a
-- lost connection leaves either both or neither. Redis runs a script atomically, and with
-- appendfsync always its effects are on disk before the reply.
--
-- KEYS: 1 submission counter, 2 the exercise's submissions list, 3 exercise progress hash,
--       4 learner's exercises set, 5 learner hash
-- ARGV: 1 learner, 2 exercise, 3 status (pass|fail|error), 4 passed checks, 5 total checks,
--       6 duration ms, 7 source, 8 now (ISO), 9 history cap, 10 submission key prefix

local id = redis.call('INCR', KEYS[1])
local submission = ARGV[10] .. id
redis.call('HSET', submission,
  'learner', ARGV[1], 'exercise', ARGV[2], 'status', ARGV[3], 'passed', ARGV[4],
  'total', ARGV[5], 'duration_ms', ARGV[6], 'source', ARGV[7], 'at', ARGV[8])
redis.call('LPUSH', KEYS[2], id)
while redis.call('LLEN', KEYS[2]) > tonumber(ARGV[9]) do
  redis.call('DEL', ARGV[10] .. redis.call('RPOP', KEYS[2]))
end

local progress = KEYS[3]
local passed = tonumber(ARGV[4])
local was_passed = redis.call('HGET', progress, 'status') == 'passed'
redis.call('HINCRBY', progress, 'attempts', 1)
redis.call('HSETNX', progress, 'first_at', ARGV[8])
redis.call('HSET', progress, 'last_at', ARGV[8], 'last_code', ARGV[7], 'code_saved_at', ARGV[8])
if ARGV[3] == 'pass' then
  if not was_passed then
    redis.call('HSET', progress, 'status', 'passed', 'passed_at', ARGV[8])
  end
else
  if not was_passed then
    redis.call('HSET', progress, 'status', 'failing')
    redis.call('HINCRBY', progress, 'failures', 1)
  end
end
local best = tonumber(redis.call('HGET', progress, 'best_passed') or '-1')
if passed > best then
  redis.call('HSET', progress, 'best_passed', passed, 'best_total', ARGV[5])
end
redis.call('SADD', KEYS[4], ARGV[2])
redis.call('HSETNX', KEYS[5], 'created_at', ARGV[8])
return id
