import 'reflect-metadata';
import { createApp } from './create-app';
import { ClockStore } from './demo/clock-store';
import { DEMO_PASSWORD, rewindDemoClock, seedDemo } from './demo/seed';

async function main(): Promise<void> {
  const demo = process.env.DEMO_SEED !== 'off';
  const app = await createApp({ logger: ['warn', 'error'], ...(demo && { beforeDeploy: rewindDemoClock }) });
  const seeded = demo ? await seedDemo(app) : null;
  // Where the seed left the clock is where a restart finds it.
  if (demo) await app.get(ClockStore).save();
  const port = Number(process.env.PORT || 3000);
  await app.listen(port);
  const url = `http://localhost:${port}`;
  const lines = [
    '',
    `社会救助经办系统已启动（网页端）：${url}`,
    `  接口文档（OpenAPI）：${url}/api/docs`,
    `  运行状态：${url}/api/health`,
  ];
  if (seeded) {
    lines.push(`  演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const u of seeded.users) lines.push(`    ${u.username.padEnd(12)} ${u.roleName}（${u.regionName}）`);
    if (seeded.createdCases) lines.push(`  已生成 ${seeded.createdCases} 个处于不同环节的演示案件`);
  }
  console.log(lines.join('\n'));
}

main().catch((err) => {
  // Configuration errors are the user's to fix: say what is wrong, not a stack trace.
  console.error(`启动失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
