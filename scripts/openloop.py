#!/usr/bin/env python3
"""Open-loop HTTP/1.1 load at a fixed total rate, one keep-alive connection per client (per courier token).

Each connection sends its requests on a fixed schedule (rate / connections per second, start times spread evenly).
A request's latency runs from its *scheduled* time, not from when it could actually be written: when the server
falls behind, the wait in the queue counts (no coordinated omission, as in wrk2). Latencies are reported per
percentile in milliseconds, plus the status counts and the rate actually achieved.

Usage: openloop.py --host 127.0.0.1 --port P --path /v1/courier/runs/today --clients tokens.txt --rate 200
                   --duration 30 [--warmup 5] [--etags]   (with --etags each connection first GETs its body and then
                   sends If-None-Match with that ETag, i.e. the poll of a phone that already holds today's runs)
"""
import argparse
import asyncio
import json
import sys
import time


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, headers


def request_bytes(host, path, token, etag=None):
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", f"Authorization: Bearer {token}"]
    if etag:
        lines.append(f"If-None-Match: {etag}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def client(args, token, offset, interval, start, end, record, statuses):
    reader, writer = await asyncio.open_connection(args.host, args.port)
    etag = None
    if args.etags:
        writer.write(request_bytes(args.host, args.path, token))
        await writer.drain()
        status, headers = await read_response(reader)
        etag = headers.get("etag")
        if status != 200 or not etag:
            raise SystemExit(f"priming GET answered {status} without an ETag")
    message = request_bytes(args.host, args.path, token, etag)
    scheduled = start + offset
    loop = asyncio.get_running_loop()
    while scheduled < end:
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        writer.write(message)
        await writer.drain()
        status, _ = await read_response(reader)
        done = loop.time()
        if scheduled >= start + args.warmup:
            record.append(done - scheduled)
            statuses[status] = statuses.get(status, 0) + 1
        scheduled += interval
    writer.close()


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/v1/courier/runs/today")
    parser.add_argument("--clients", required=True, help="file with one bearer token per line; one connection each")
    parser.add_argument("--rate", type=float, required=True, help="total requests per second over all connections")
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--warmup", type=float, default=5, help="seconds at the start not counted")
    parser.add_argument("--etags", action="store_true")
    parser.add_argument("--json", action="store_true", help="print one JSON line instead of text")
    args = parser.parse_args()
    tokens = [line.strip() for line in open(args.clients) if line.strip()]
    interval = len(tokens) / args.rate
    loop = asyncio.get_running_loop()
    record, statuses = [], {}
    start = loop.time() + 1.0 + (0.5 if args.etags else 0)
    end = start + args.warmup + args.duration
    # Start times spread evenly over one interval, so the total rate is steady rather than in bursts.
    tasks = [client(args, token, i * interval / len(tokens), interval, start, end, record, statuses)
             for i, token in enumerate(tokens)]
    await asyncio.gather(*tasks)
    record.sort()
    counted = len(record)
    result = {
        "connections": len(tokens), "target_rate": args.rate, "achieved_rate": round(counted / args.duration, 1),
        "requests": counted, "statuses": {str(k): v for k, v in sorted(statuses.items())},
        **{f"p{p}": round(percentile(record, p) * 1000, 2) for p in (50, 90, 99, 99.9)},
        "max": round(record[-1] * 1000, 2) if record else None,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"open loop {args.rate:g} req/s over {len(tokens)} connections for {args.duration:g}s"
              f"{' (If-None-Match)' if args.etags else ''}: achieved {result['achieved_rate']} req/s, "
              f"statuses {result['statuses']}")
        print(f"  p50 {result['p50']} ms  p90 {result['p90']} ms  p99 {result['p99']} ms  "
              f"p99.9 {result['p99.9']} ms  max {result['max']} ms")


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
