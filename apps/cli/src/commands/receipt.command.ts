import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { checkReceipt, exportSource, LedgerReader, ledgerSource } from '#ledger';
import { UsageError } from '../cli.error.js';
import { readJwks } from '../jwks-file.js';
import { openGatewayDatabase } from '../gateway-database.js';
import { dataDirFrom, openGatewayKeystore } from '../gateway-keys.js';

/** A receipt as given: the compact JWS itself, or a file holding it. */
function receiptText(value: string): string {
  const text = existsSync(value) ? readFileSync(value, 'utf8').trim() : value.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(text)) throw new UsageError('the receipt must be a compact JWS (extensions.causeway.receipt of an answer), or a file holding one');
  return text;
}

export function registerReceipt(program: Command): void {
  const receipt = program.command('receipt').description('exchange receipts: what a caller keeps of each answer (extensions.causeway.receipt)');
  receipt
    .command('verify <receipt>')
    .description("check a receipt's signature, then the record it names in the ledger (or an export) and the checkpoint sealing it; exit 1 if anything differs")
    .option('--jwks <file>', "the gateway's public keys (its /.well-known/jwks.json saved to a file): no gateway keys or database needed for the signature")
    .option('--file <export>', 'look for the record in this NDJSON export or archive instead of the database')
    .option('--signature-only', "check only the receipt's signature (offline)")
    .option('--data-dir <dir>', 'the gateway data directory (database, keys); default CAUSEWAY_DATA_DIR or .causeway')
    .option('--json', 'print data (JSON)')
    .action(async (value: string, options: { jwks?: string; file?: string; signatureOnly?: boolean; dataDir?: string; json?: boolean }) => {
      const jws = receiptText(value);
      if (options.file && !existsSync(options.file)) throw new UsageError(`--file: no such file ${options.file}`);
      const dataDir = dataDirFrom(options.dataDir);
      const keys = options.jwks ? readJwks(options.jwks) : (await openGatewayKeystore(dataDir)).jwks();
      const dataSource = options.file || options.signatureOnly ? null : await openGatewayDatabase(dataDir);
      try {
        const source = options.signatureOnly ? null : options.file ? exportSource(options.file) : ledgerSource(new LedgerReader(dataSource!));
        const check = await checkReceipt(jws, keys, source);
        if (options.json) process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
        else if (check.ok) process.stdout.write(`receipt verified: exchange ${check.receipt!.exchangeId}, record ${check.receipt!.seq} of chain ${check.receipt!.chain}: ${check.detail}\n`);
        else process.stdout.write(`RECEIPT NOT VERIFIED: ${check.failure}: ${check.detail}\n`);
        if (!check.ok) process.exitCode = 1;
      } finally {
        await dataSource?.destroy();
      }
    });
}
