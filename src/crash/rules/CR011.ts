import { type CrashRule, firstLine, seeRule } from '../rule.js';

const FORMAT = [/exec format error/i, /cannot execute binary file/];

export const CR011: CrashRule = {
  id: 'CR011',
  name: 'exec-format',
  severity: 'error',
  lens: 'crash',
  subsystem: 'crash',
  title: 'the binary is for another architecture or operating system',
  docs: {
    symptom:
      '```\nexec /app: exec format error\n```\n\n(Docker, Kubernetes; `fork/exec ./app: exec format error` from ' +
      "Go's os/exec), `bash: ./app: cannot execute binary file: Exec format error` (exit 126), " +
      '`sh: 1: ./app: Exec format error` (dash).',
    why:
      'The kernel refuses to run an executable built for another machine type (an arm64 binary on amd64, a ' +
      'Mach-O or PE file on Linux) unless an emulator is registered with binfmt_misc. Typical causes: an ' +
      'image built on an Apple silicon Mac and run on an amd64 node, a `GOARCH` left over in the ' +
      'environment, a multi-arch manifest that points at the wrong binary, or a truncated download.',
    fix:
      'Build for the platform that runs it: `GOOS=linux GOARCH=amd64 go build`, `docker buildx build ' +
      '--platform linux/amd64,linux/arm64`, and in Dockerfiles `GOARCH=$TARGETARCH`. Check with `file ./app` ' +
      'or `gotrap audit --target linux/amd64 ./app`.',
    versions: 'Not Go-specific.',
    references: ['execve(2) ENOEXEC', 'binfmt_misc', 'catalog BIN008'],
    bad: [
      {
        title: 'An arm64 binary run on an amd64 machine',
        files: [
          {
            name: 'crash.log',
            text: '$ ./app\nbash: ./app: cannot execute binary file: Exec format error\n$ echo $?\n126\n',
          },
        ],
      },
    ],
    good: [
      {
        title: 'Build for the target platform',
        files: [{ name: 'build.sh', text: 'GOOS=linux GOARCH=amd64 go build -o app .\nfile app\n' }],
      },
    ],
  },

  check(crash, report) {
    const hit = firstLine(crash, FORMAT);
    if (!hit) return;
    report({
      line: hit.line.inputLine,
      message:
        'the kernel cannot execute this file: it was built for another architecture or OS (or is not a ' +
        'complete executable); build with the GOOS/GOARCH of the machine that runs it',
      related: [seeRule('BIN008', 'gotrap audit --target os/arch checks the architecture of the binary')],
    });
  },
};
