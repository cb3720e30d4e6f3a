/**
 * Handlebars syntax errors for a legal officer: Handlebars answers in English ("Parse error on
 * line 3: … Expecting 'OPEN_ENDBLOCK', got 'EOF'"), with no column. This reads the parser's own
 * position and says in Chinese what is wrong and where.
 */
import Handlebars from 'handlebars';

export interface TemplateSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

/** Token names of Handlebars' grammar, as a template author writes them. */
const TOKENS: Record<string, string> = {
  EOF: '正文结尾',
  OPEN_ENDBLOCK: '结束标记 {{/…}}',
  OPEN_BLOCK: '块开始标记 {{#…}}',
  OPEN_INVERSE_CHAIN: '{{else}}',
  INVERSE: '{{else}}',
  CLOSE: '}}',
  CLOSE_UNESCAPED: '}}}',
  OPEN: '{{',
  INVALID: '无法识别的字符',
  ID: '字段名',
};

function explain(expecting: string[], got: string): string {
  if (got === 'EOF' && expecting.includes('OPEN_ENDBLOCK'))
    return '块没有结束：{{#if}}、{{#each}} 等块开始标记缺少对应的结束标记（如 {{/if}}）';
  if (got === 'OPEN_ENDBLOCK') return '多余的结束标记 {{/…}}：前面没有对应的块开始标记';
  if (got === 'INVALID') return '{{ }} 中的内容无法识别：应为字段名（如 applicant.name）或辅助函数';
  if (expecting.includes('CLOSE') || expecting.includes('CLOSE_UNESCAPED')) return '标记没有闭合：缺少 }}';
  return `此处不应出现${TOKENS[got] ?? got}，应为${expecting.map((t) => TOKENS[t] ?? t).join('或')}`;
}

/** The first syntax problem of a template body, or undefined when Handlebars can parse it. */
export function templateSyntaxProblem(source: string): TemplateSyntaxProblem | undefined {
  try {
    Handlebars.parse(source);
    return undefined;
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number };
    const lexer = (
      Handlebars as unknown as {
        Parser: { lexer: { yylloc?: { first_line: number; last_line: number; first_column: number } } };
      }
    ).Parser.lexer;
    const mismatch = /^(\S+) doesn't match (\S+)/.exec(e.message);
    if (mismatch) {
      // The lexer stands just after the closing tag; its `{{/` is where the author must look.
      const line = lexer.yylloc?.last_line ?? e.lineNumber ?? 1;
      const text = source.split('\n')[line - 1] ?? '';
      const end = lexer.yylloc?.first_column ?? text.length;
      const column = Math.max(text.lastIndexOf('{{', Math.max(end - 1, 0)), 0) + 1;
      return {
        line,
        column,
        message: `第 ${line} 行第 ${column} 列：块开始标记 {{#${mismatch[1]}}} 与结束标记 {{/${mismatch[2]}}} 不匹配`,
      };
    }
    const loc = lexer.yylloc;
    const line = loc?.first_line ?? e.lineNumber ?? 1;
    const column = (loc?.first_column ?? 0) + 1;
    const parse = /Expecting (.+), got '([^']+)'/.exec(e.message);
    const what = parse
      ? explain(
          parse[1].split(',').map((s) => s.trim().replace(/^'|'$/g, '')),
          parse[2],
        )
      : /Unclosed|unterminated/i.test(e.message)
        ? '注释或标记没有闭合'
        : '模板语法错误';
    return { line, column, message: `第 ${line} 行第 ${column} 列：${what}` };
  }
}
