-- Bookings that never conflict, the same requests as the suite's Java clients send (Bookings.java): request i
-- books slot i / users on the calendar of user <prefix><i % users>; slot k starts k steps after the first slot.
-- Arguments (after --): prefix, users, first slot (epoch seconds), step (seconds), length (seconds), threads.
-- The Content-Type and Authorization headers come from wrk's -H. done() prints the statuses and latencies as
-- lines the harness reads: "wrk-result key=value ..." and "wrk-status <status> <count>".

local threads = {}

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    prefix = args[1]
    users = tonumber(args[2])
    first = tonumber(args[3])
    step = tonumber(args[4])
    length = tonumber(args[5])
    stride = tonumber(args[6])
    next_request = id
    statuses = {}
end

local function iso(seconds)
    return os.date("!%Y-%m-%dT%H:%M:%SZ", seconds)
end

function request()
    local i = next_request
    next_request = next_request + stride
    local start = first + step * math.floor(i / users)
    local body = '{"start":"' .. iso(start) .. '","end":"' .. iso(start + length)
            .. '","title":"Benchmark visit","location":"Room 4","timeZone":"Europe/Amsterdam"}'
    return wrk.format("POST", "/users/" .. prefix .. string.format("%d", i % users) .. "/appointments", nil, body)
end

function response(status, headers, body)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
    local errors = summary.errors
    io.write(string.format("wrk-result requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d p999_us=%d"
            .. " connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
            summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
            latency:percentile(99), latency:percentile(99.9), errors.connect, errors.read, errors.write,
            errors.timeout))
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    for status, count in pairs(total) do
        io.write(string.format("wrk-status %d %d\n", status, count))
    end
end
