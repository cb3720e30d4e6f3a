import { Logger } from '@nestjs/common';
import { connect, ChannelModel, ConfirmChannel } from 'amqplib';

/**
 * RabbitMQ as the transport between the outbox and the senders (`AMQP_URL`): the dispatcher
 * publishes claimed ids with publisher confirms, a consumer delivers them. The outbox row stays the
 * truth: a message lost on the way is claimed again when its lease runs out.
 */
export class AmqpTransport {
  private readonly logger = new Logger('AMQP');
  private connection: ChannelModel | null = null;
  private channel: ConfirmChannel | null = null;

  constructor(
    private readonly url: string,
    private readonly queue: string,
  ) {}

  async start(onMessage: (outboxId: string) => Promise<void>): Promise<void> {
    this.connection = await connect(this.url);
    this.channel = await this.connection.createConfirmChannel();
    await this.channel.assertQueue(this.queue, { durable: true });
    await this.channel.prefetch(4);
    await this.channel.consume(this.queue, (msg) => {
      if (!msg) return;
      const id = msg.content.toString('utf8');
      onMessage(id)
        .catch((err: unknown) => this.logger.error(`通知投递失败：${(err as Error).message}`))
        // The outcome is in the outbox row (sent, or pending with a later retry), so always ack.
        .finally(() => this.channel?.ack(msg));
    });
  }

  async publish(outboxId: string): Promise<void> {
    const channel = this.channel;
    if (!channel) throw new Error('RabbitMQ 通道未建立');
    await new Promise<void>((resolve, reject) =>
      channel.sendToQueue(this.queue, Buffer.from(outboxId, 'utf8'), { persistent: true }, (err) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
      ),
    );
  }

  async stop(): Promise<void> {
    await this.channel?.close().catch(() => undefined);
    await this.connection?.close().catch(() => undefined);
    this.channel = null;
    this.connection = null;
  }
}
