export const USAGE = `Usage: whatsapp-sandbox [flags]

A local simulator of Meta's WhatsApp Cloud API (graph.facebook.com).

Flags:
  --port <n>                 port to listen on (default 8089; 0 picks a free one)
  --host <host>              address to bind (default 127.0.0.1)
  --token <token>            bearer token clients must send (default sandbox-token)
  --phone-number-id <id>     phone number id (default 100000000000001)
  --waba-id <id>             WhatsApp Business Account id (default 200000000000001)
  --no-window                do not enforce the 24 h customer service window
  --allow <n1,n2,...>        only these recipients may be messaged (others get error 131030)
  --approve-after <ms>       new templates stay PENDING this long before APPROVED (default 0: next tick)
  --callback-url <url>       webhook receiver (webhooks need --app-secret too)
  --app-secret <secret>      signs webhooks (X-Hub-Signature-256)
  --verify-token <token>     hub.verify_token for the handshake (default sandbox-verify-token)
  --app-id <id>              the Meta app id; its app token is <app-id>|<app-secret> (default 300000000000001)
  --mps <n>                  messages per second per phone number (default 80; 0 = unlimited)
  --pair-rate <n>            messages to one user per 6 s (default 45; 0 = unlimited)
  --status-delay <ms>        pause between sent, delivered and read webhooks (default 0)
  --latency-ms <n>           every Graph API answer waits n ms first (default 0; not the control API)
  --help                     show this help
`;
