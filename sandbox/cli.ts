import { LIMITS } from "whatsapp-business-core"; export async function main(a: string[]): Promise<void> { process.stdout.write(JSON.stringify({ a, t: LIMITS.text.body }) + "\n"); }
