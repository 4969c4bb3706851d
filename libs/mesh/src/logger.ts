// A minimal structured logger interface; processes choose where lines go, libraries only call it.
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LineSink {
  write(line: string): unknown;
}

/** JSON-lines logger; `component` tags every line. */
export function createJsonLogger(sink: LineSink, component: string): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) => {
    sink.write(`${JSON.stringify({ t: new Date().toISOString(), level, component, message, ...fields })}\n`);
  };
  return {
    info: (message, fields) => line('info', message, fields),
    warn: (message, fields) => line('warn', message, fields),
    error: (message, fields) => line('error', message, fields),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
