// Starts @atproto/dev-env's TestNetwork (PLC + PDS + Bsky AppView + Ozone) on loopback, no mock data,
// for Rapport's Bluesky connector tests (BlueskyNetwork.java starts it once per test run).
// Env: DB_POSTGRES_URL, DB_POSTGRES_SCHEMA (letters and _ only), REDIS_HOST (host:port),
// PLC_PORT, PDS_PORT, BSKY_PORT, OZONE_PORT (free ports chosen by the caller).
// Prints one line "READY {json}" on stdout when every service answers; stops on SIGTERM/SIGINT or
// when stdin closes (so that a killed test JVM does not leave the network running).
const net = require('net')
const BIND_HOST = process.env.BIND_HOST || '127.0.0.1'
const origListen = net.Server.prototype.listen
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, BIND_HOST)
  else if (args[0] && typeof args[0] === 'object' && !args[0].host && args[0].port !== undefined) args[0] = { ...args[0], host: BIND_HOST }
  return origListen.apply(this, args)
}
require('dns').setDefaultResultOrder('ipv4first')
const { TestNetwork } = require('@atproto/dev-env')

const port = (name, fallback) => Number(process.env[name] || fallback)

async function main() {
  const t0 = Date.now()
  const bskyPort = port('BSKY_PORT', 2584)
  const ozonePort = port('OZONE_PORT', 2587)
  const network = await TestNetwork.create({
    dbPostgresSchema: process.env.DB_POSTGRES_SCHEMA || 'devenv',
    plc: { port: port('PLC_PORT', 2582) },
    pds: { port: port('PDS_PORT', 2583), hostname: 'localhost', enableDidDocWithSession: true },
    bsky: { port: bskyPort, publicUrl: `http://localhost:${bskyPort}` },
    ozone: { port: ozonePort, chatUrl: 'http://localhost:2590', chatDid: 'did:example:chat' },
  })
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    try { await network.close() } finally { process.exit(0) }
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  process.stdin.on('end', stop)
  process.stdin.on('close', stop)
  process.stdin.resume()
  console.log('READY ' + JSON.stringify({
    millis: Date.now() - t0, plc: network.plc.url, pds: network.pds.url,
    appview: network.bsky.url, ozone: network.ozone.url,
  }))
}
main().catch((e) => { console.error(e); process.exit(1) })
