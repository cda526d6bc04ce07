export const USAGE = `Usage: whatsapp-sandbox [flags]

A local simulator of Meta's WhatsApp Cloud API (graph.facebook.com).

Flags:
  --port <n>                 port to listen on (default 8089; 0 picks a free one)
  --host <host>              address to bind (default 127.0.0.1)
  --public-host <name>       another host name the control API (/_sandbox) answers to, e.g. a
                             container name (default: loopback names and --host only)
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
  --flavor <name>            cloud (default), maton, onprem or itnio: which provider's API to speak
  --username <name>          onprem: admin user for POST /v1/users/login (default admin)
  --password <password>      onprem: its password (default sandbox-password)
  --startup-delay-ms <n>     onprem: the core app answers "not ready" for n ms after start (default 0)
  --login-ttl-ms <n>         onprem: login tokens expire after n ms (default 7 days)
  --api-key <key>            itnio: the Api-Key requests are signed with (default sandbox-api-key)
  --api-secret <secret>      itnio: the secret in Sign = md5(key + secret + timestamp) (default sandbox-api-secret)
  --timestamp-tolerance-s <n> itnio: Timestamp skew allowed before status -16 (default 300)
  --gateway-rps <n>          maton: requests per second per API key before 429 (default 10; 0 = unlimited)
  --connection-id <id>       maton: id of the ACTIVE connection it starts with
  --tls-cert <file>          serve HTTPS with this PEM certificate (with --tls-key)
  --tls-key <file>           the certificate's PEM private key
                             (maton: --token is the Maton API key; itnio: --app-id is the ITNIO appId)
  --help                     show this help
`;
