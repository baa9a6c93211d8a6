-- Records one graded submission and the exercise's progress in one step, so that a crash or a
-- lost connection leaves either both or neither. Redis runs a script atomically, and with
-- appendfsync always its effects are on disk before the reply.
--
-- The exercise's instructor stats are counted in the same step, so they always agree with the
-- progress they summarise.
--
-- A grading of the queue (KEYS[10]) may be delivered more than once, to the request that waits
-- for it and to the page that polls: it is recorded once, and its result kept for the poller.
--
-- KEYS: 1 submission counter, 2 the exercise's submissions list, 3 exercise progress hash,
--       4 learner's exercises set, 5 learner hash, 6 exercise stats hash,
--       7 attempts-to-pass hash, 8 failing checks sorted set, 9 set of exercises with stats,
--       10 (queue mode only) the grading's hash
-- ARGV: 1 learner, 2 exercise, 3 status (pass|fail|error), 4 passed checks, 5 total checks,
--       6 duration ms, 7 source, 8 now (ISO), 9 history cap, 10 submission key prefix,
--       11 the result as JSON (queue mode), 12 seconds to keep the grading's hash,
--       13… the names of the checks that failed or errored, each once
-- Answers {submission id, 1 if recorded now or 0 if it was already, the exercise's progress hash
-- as it now stands, as field, value, … without the code}.

-- Read in the same step as the write, so the answer's progress always counts this submission.
local function progress_now()
  local fields = redis.call('HGETALL', KEYS[3])
  local kept = {}
  for i = 1, #fields, 2 do
    if fields[i] ~= 'last_code' then
      kept[#kept + 1] = fields[i]
      kept[#kept + 1] = fields[i + 1]
    end
  end
  return kept
end

local grading = KEYS[10]
if grading then
  local recorded = redis.call('HGET', grading, 'submission')
  if recorded then return {recorded, 0, progress_now()} end
end

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
local attempts = redis.call('HINCRBY', progress, 'attempts', 1)
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

-- Learners count from their first submission: one whose submissions began before stats were
-- kept stays out of the learner counts (in_stats unset), so passed never exceeds attempted.
redis.call('HINCRBY', KEYS[6], 'submissions', 1)
if attempts == 1 then
  redis.call('HSET', progress, 'in_stats', 1)
  redis.call('HINCRBY', KEYS[6], 'attempted', 1)
end
if ARGV[3] == 'pass' and not was_passed and redis.call('HGET', progress, 'in_stats') then
  redis.call('HINCRBY', KEYS[6], 'passed', 1)
  redis.call('HINCRBY', KEYS[7], attempts, 1)
end
-- Check names are the course author's text: members of a sorted set, never code.
for i = 13, #ARGV do
  redis.call('ZINCRBY', KEYS[8], 1, ARGV[i])
end
redis.call('SADD', KEYS[9], ARGV[2])
if grading then
  redis.call('HSET', grading, 'submission', id, 'learner', ARGV[1], 'result', ARGV[11])
  redis.call('EXPIRE', grading, ARGV[12])
end
return {id, 1, progress_now()}
