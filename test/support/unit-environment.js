const fs = require('node:fs');
const CostEnvironment = require('./cost-environment');
const { namesDatabaseUrl } = require('./database-specs');

/**
 * The unit tier's environment: cost-environment.js, and, in a run on PGlite (no DATABASE_URL), a
 * unit spec that reads DATABASE_URL without naming it in its own source fails. Only the unit specs
 * that name it run again in the PostgreSQL pass of .ci/run (test/support/database-specs.js), so one
 * that reached the database choice through a helper would otherwise be checked on PGlite only,
 * silently. The PGlite pass runs every unit spec, so it is where such a read shows; a run with
 * DATABASE_URL set is left as it was (a library copying the whole environment would read it there).
 */
class UnitEnvironment extends CostEnvironment {
  constructor(config, context) {
    super(config, context);
    this.databaseUrlRead = false;
    const env = this.global.process.env;
    if (env.DATABASE_URL !== undefined) return;
    if (namesDatabaseUrl(fs.readFileSync(context.testPath, 'utf8'))) return;
    let value;
    // Not enumerable while unset, as an absent variable: copying the environment reads nothing.
    Object.defineProperty(env, 'DATABASE_URL', {
      configurable: true,
      enumerable: false,
      get: () => {
        this.databaseUrlRead = true;
        return value;
      },
      set: (v) => {
        // A spec that sets it picks PostgreSQL itself: it names the variable, and so is not guarded.
        value = `${v}`;
      },
    });
  }

  handleTestEvent(event, state) {
    super.handleTestEvent(event, state);
    if (event.name === 'run_finish' && this.databaseUrlRead)
      state.unhandledErrors.push(
        new Error(
          '此单元测试读取了 DATABASE_URL（经由所调用的代码），却没有在自身源码中写出它：' +
            '它依赖数据库，应在 PostgreSQL 轮也运行。请在测试里显式按 DATABASE_URL 选择数据库' +
            '（见 test/support/database-specs.js）。',
        ),
      );
  }
}

module.exports = UnitEnvironment;
