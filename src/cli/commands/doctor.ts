// `zvt doctor`: a quick look at the box: Node, native uWS, CPUs, and where data will go.
import { accessSync, constants } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UWS_NATIVE_BINARY, loadNativeUws } from '../../platform/uws.js';
import type { CliCommand } from '../cli-command.js';
import { readPackageVersion } from '../package-version.js';
import { resolveCommandConfig } from '../resolve-command-config.js';

/** What doctor reports; `--json` prints exactly this. */
export interface DoctorReport {
  readonly zvtVersion: string;
  readonly nodeVersion: string;
  readonly nodeAbi: string;
  readonly platform: string;
  readonly uwsNative: boolean;
  readonly uwsBinary: string;
  readonly cpuCount: number;
  readonly dataDir: string;
  readonly dataDirState: 'writable' | 'read-only' | 'missing';
  readonly hotpath: string;
  readonly store: string;
}

export const doctorCommand: CliCommand = {
  name: 'doctor',
  requiresNativeUws: true,
  register(program: Command): Command {
    return program
      .command(this.name)
      .description('check the environment: Node version, native uWebSockets.js, CPUs, data directory')
      .option('--json', 'print the report as JSON')
      .action((options: { json?: boolean }, command: Command) => {
        const config = resolveCommandConfig(command);
        // The preAction check already refused a fallback; this returns the cached native module.
        loadNativeUws();
        const dataDir = resolve(config.dataDir);
        const report: DoctorReport = {
          zvtVersion: readPackageVersion(),
          nodeVersion: process.version,
          nodeAbi: process.versions.modules,
          platform: `${process.platform}-${process.arch}`,
          uwsNative: true,
          uwsBinary: UWS_NATIVE_BINARY,
          cpuCount: availableParallelism(),
          dataDir,
          dataDirState: directoryState(dataDir),
          hotpath: config.hotpath,
          store: config.store,
        };
        process.stdout.write(options.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      });
  },
};

function directoryState(path: string): DoctorReport['dataDirState'] {
  try {
    accessSync(path, constants.W_OK);
    return 'writable';
  } catch (error: unknown) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    return code === 'ENOENT' ? 'missing' : 'read-only';
  }
}

function formatReport(report: DoctorReport): string {
  const rows: [string, string][] = [
    ['zvt', report.zvtVersion],
    ['node', `${report.nodeVersion} (ABI ${report.nodeAbi}, ${report.platform})`],
    ['uWebSockets.js', `native (${report.uwsBinary})`],
    ['cpus', String(report.cpuCount)],
    ['data dir', `${report.dataDir} (${report.dataDirState})`],
    ['hotpath', report.hotpath],
    ['store', report.store],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}\n`).join('');
}
