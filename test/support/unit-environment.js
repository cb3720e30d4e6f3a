const fs = require('node:fs');
const CostEnvironment = require('./cost-environment');
const { namesDatabaseUrl } = require('./database-specs');

/**
 * The unit tier's environment: cost-environment.js, and a unit spec that reads DATABASE_URL
 * without naming it in its own source fails. Only the unit specs that name it run again in the
 * PostgreSQL pass of .ci/run (test/support/database-specs.js), so one that reached the database
 * choice through a helper would otherwise be checked on PGlite only, silently.
 */
class UnitEnvironment extends CostEnvironment {
  constructor(config, context) {
    super(config, context);
    this.databaseUrlRead = false;
    if (namesDatabaseUrl(fs.readFileSync(context.testPath, 'utf8'))) return;
    const env = this.global.process.env;
    let value = env.DATABASE_URL;
    delete env.DATABASE_URL;
    Object.defineProperty(env, 'DATABASE_URL', {
      configurable: true,
      enumerable: value !== undefined,
      get: () => {
        this.databaseUrlRead = true;
        return value;
      },
      set: (v) => {
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
