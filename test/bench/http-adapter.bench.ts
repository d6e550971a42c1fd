import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { Agent, request } from 'undici';
import { freePort } from './bench-server';
import { cpuPerOp, cpuSnapshot, sumCpu } from './cpu';
import { formatResult, runLoad } from './load';

/**
 * bench:http — the HTTP adapter chosen by measurement: the same Nest controller (real voucher DTO, global
 * validation pipe, no database) on Fastify and on Express, 16 clients, BENCH_SECONDS (10) per case.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = 16;
const body = JSON.stringify({
  date: '2026-11-05',
  post: true,
  lines: [
    { summary: '职工活动', account: '50105', debit: '120.00' },
    { summary: '经审会会议', account: '50502', debit: '80.50' },
    { summary: '集中户支付', account: '10201', credit: '190.50' },
    { summary: '现金支付', account: '101', credit: '10.00' },
  ],
});

async function measure(adapter: string) {
  const port = await freePort();
  const child = fork(resolve(__dirname, 'http-adapter.server.ts'), [adapter, String(port)], { execArgv: ['-r', 'ts-node/register/transpile-only'] });
  await new Promise((ok) => child.once('message', ok));
  const agent = new Agent({ connections: CLIENTS });
  const call = async (method: 'GET' | 'POST', path: string) => {
    const res = await request(`http://127.0.0.1:${port}${path}`, { method, dispatcher: agent, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? body : undefined });
    await res.body.dump();
    if (res.statusCode >= 300) throw new Error(String(res.statusCode));
  };
  await runLoad({ seconds: 2, concurrency: CLIENTS, task: () => call('POST', '/api/unions/u1/vouchers') });
  const c0 = cpuSnapshot(child.pid);
  const post = await runLoad({ seconds: SECONDS, concurrency: CLIENTS, task: () => call('POST', '/api/unions/u1/vouchers') });
  const c1 = cpuSnapshot(child.pid);
  const get = await runLoad({ seconds: SECONDS / 2, concurrency: CLIENTS, task: () => call('GET', '/health') });
  console.log(formatResult(`${adapter} POST 4-line voucher`, post));
  console.log(`  ${cpuPerOp(sumCpu([[c0, c1]]), post.ok).replace('postgres 0.00, ', '').replace('per voucher', 'per request')}`);
  console.log(formatResult(`${adapter} GET /health`, get));
  await agent.close();
  child.kill();
  return post.perSecond;
}

async function main() {
  console.log(`bench:http — ${CLIENTS} clients, ${SECONDS} s per case, ${cpus().length} cores shared with the load generator`);
  const fastify = await measure('fastify');
  const express = await measure('express');
  console.log(`Fastify / Express on the voucher POST: ${(fastify / express).toFixed(2)}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
