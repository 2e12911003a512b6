import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { GatewayKeystore, KeystoreError } from '#exchange-token';
import { SubjectKeyring, SubjectKeyringError } from '#ledger';
import { cliConfig } from '../cli.config.js';
import { CommandFailedError } from '../cli.error.js';
import { dataDirFrom, openGatewayKeystore } from '../gateway-keys.js';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description("manage the gateway's signing keys");

  keys
    .command('init')
    .description("write a new key file for a deployment's secret (the gateway's CAUSEWAY_GATEWAY_KEYS_FILE); never overwrites one")
    .requiredOption('--out <file>', 'where to write it (created with mode 0600)')
    .action(async (options: { out: string }) => {
      const file = resolve(options.out);
      if (existsSync(file)) throw new CommandFailedError(`${file} exists already; rotate its keys instead (keys rotate with CAUSEWAY_GATEWAY_KEYS_FILE=${file})`);
      const [key] = (await GatewayKeystore.open(file, { create: true })).list();
      process.stdout.write(`wrote ${file}: current key ${key!.kid}\n`);
    });

  keys
    .command('list')
    .description('list the keys: current, published (retired but still verifiable) and expired')
    .option('--data-dir <dir>', 'data directory of the gateway (default: CAUSEWAY_DATA_DIR or .causeway)')
    .option('--json', 'print data (JSON)')
    .action(async (options: { dataDir?: string; json?: boolean }) => {
      const list = (await openGatewayKeystore(dataDirFrom(options.dataDir))).list();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${'KID'.padEnd(38)}${'STATE'.padEnd(11)}${'CREATED'.padEnd(26)}RETIRED\n`);
      for (const key of list) {
        process.stdout.write(`${key.kid.padEnd(38)}${key.state.padEnd(11)}${key.createdAt.padEnd(26)}${key.retiredAt ?? '-'}\n`);
      }
    });

  keys
    .command('rotate')
    .description('make a new current key; the previous one stays published until its tokens have expired')
    .option('--data-dir <dir>', 'data directory of the gateway (default: CAUSEWAY_DATA_DIR or .causeway)')
    .option('--json', 'print data (JSON)')
    .action(async (options: { dataDir?: string; json?: boolean }) => {
      const keystore = await openGatewayKeystore(dataDirFrom(options.dataDir));
      let fresh;
      try {
        fresh = await keystore.rotate();
      } catch (error) {
        if (error instanceof KeystoreError) throw new CommandFailedError(error.message);
        throw error;
      }
      if (options.json) process.stdout.write(`${JSON.stringify(fresh, null, 2)}\n`);
      else process.stdout.write(`new current key ${fresh.kid}; a running gateway signs with it within a second\n`);
    });

  registerSubjectKeys(keys);
}

/** The ledger's keyring for data subjects (libs/ledger SubjectKeyring): separate from the signing keys, never published, never dropped. */
function registerSubjectKeys(keys: Command): void {
  keys
    .command('subjects-init')
    .description("write a new keyring for data subjects (the gateway's CAUSEWAY_LEDGER_SUBJECT_KEYS_FILE, shared by every replica); never overwrites one")
    .requiredOption('--out <file>', 'where to write it (created with mode 0600)')
    .action((options: { out: string }) => {
      const file = resolve(options.out);
      if (existsSync(file)) throw new CommandFailedError(`${file} exists already; rotate it instead (keys subjects-rotate)`);
      const keyring = SubjectKeyring.open(file, { create: true });
      process.stdout.write(`wrote ${file}: current key ${keyring.currentId}\n`);
    });

  keys
    .command('subjects-rotate')
    .description('put a new current key first in the data-subject keyring, keeping every earlier one (lookups find records under all of them)')
    .option('--data-dir <dir>', 'data directory of the gateway (default: CAUSEWAY_DATA_DIR or .causeway)')
    .action((options: { dataDir?: string }) => {
      const { file } = cliConfig().subjectKeys(dataDirFrom(options.dataDir));
      let keyring: SubjectKeyring;
      try {
        keyring = SubjectKeyring.open(file, { create: false }).rotated();
      } catch (error) {
        if (error instanceof SubjectKeyringError) throw new CommandFailedError(error.message);
        throw error;
      }
      keyring.save(file);
      process.stdout.write(`new current key ${keyring.currentId} of ${keyring.keys.length} in ${file}; gateways use it once restarted\n`);
    });
}
