// Renders a tag's dependency graph as Mermaid `graph TD`: one node per task, arrows from dependency to dependent.
import { oneLine } from './plain-text.js';
import { type IndexedItem, indexTasks, type TaskIndex } from './task-index.js';
import { TASK_STATUSES, type Task, type TaskStatus } from './task-model.js';

/** Titles longer than this are cut with `…`. */
export const DEFAULT_MERMAID_TITLE_LENGTH = 40;

export interface MermaidOptions {
  /** Draw subtasks as their own nodes (default false: a dependency on "3.1" is drawn from task 3). */
  includeSubtasks?: boolean;
  titleLength?: number;
}

const STATUS_STYLES: Readonly<Record<TaskStatus | 'missing', string>> = {
  pending: 'fill:#f1f3f5,stroke:#868e96',
  'in-progress': 'fill:#d0ebff,stroke:#1c7ed6',
  done: 'fill:#d3f9d8,stroke:#2b8a3e',
  review: 'fill:#fff3bf,stroke:#f08c00',
  deferred: 'fill:#e9ecef,stroke:#adb5bd,stroke-dasharray:4',
  cancelled: 'fill:#f8f9fa,stroke:#ced4da,color:#868e96',
  blocked: 'fill:#ffe3e3,stroke:#e03131',
  missing: 'fill:#fff,stroke:#e03131,stroke-dasharray:4',
};

export function renderMermaid(
  tasks: readonly Task[],
  options: MermaidOptions = {},
  index: TaskIndex = indexTasks(tasks),
): string {
  const includeSubtasks = options.includeSubtasks ?? false;
  const titleLength = options.titleLength ?? DEFAULT_MERMAID_TITLE_LENGTH;
  const shown = (item: IndexedItem): IndexedItem =>
    includeSubtasks || !item.subtask ? item : (index.byKey.get(String(item.task.id)) ?? item);
  const lines = ['graph TD'];
  const used = new Set<string>();
  for (const item of index.items) {
    if (item.subtask && !includeSubtasks) continue;
    const label = escapeLabel(`${item.key}: ${oneLine(item.title, titleLength)}`);
    lines.push(`  ${nodeId(item.key)}["${label}"]:::${className(item.status)}`);
    used.add(item.status);
  }
  const edges = new Set<string>();
  const missingNodes = new Set<string>();
  for (const item of index.items) {
    const to = nodeId(shown(item).key);
    for (const dependency of item.dependencies) {
      const target = dependency.key === null ? undefined : index.byKey.get(dependency.key);
      let from: string;
      if (target) from = nodeId(shown(target).key);
      else {
        const missing = dependency.key ?? String(dependency.written);
        from = `missing_${missing.replace(/\W/g, '_')}`;
        if (!missingNodes.has(from))
          lines.push(`  ${from}["${escapeLabel(`${missing} (missing)`)}"]:::missing`);
        missingNodes.add(from);
        used.add('missing');
      }
      const edge = `  ${from} --> ${to}`;
      if (from !== to && !edges.has(edge)) edges.add(edge);
    }
  }
  lines.push(...edges);
  for (const status of [...TASK_STATUSES, 'missing' as const]) {
    if (used.has(status)) lines.push(`  classDef ${className(status)} ${STATUS_STYLES[status]}`);
  }
  return lines.join('\n');
}

function nodeId(key: string): string {
  return `t${key.replace('.', '_')}`;
}

function className(status: string): string {
  return status.replace(/-/g, '_');
}

/** Mermaid entity codes keep quotes, `#`, angle brackets and backticks from breaking a quoted label. */
function escapeLabel(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;');
}
