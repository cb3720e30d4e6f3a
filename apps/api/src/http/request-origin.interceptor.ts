import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { withRequestOrigin } from '@app/common';

interface Req {
  id?: string;
  correlationId?: string;
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Puts the request's id, client address and user agent in scope for the handler, so every audit
 * entry it writes says where the action came from. The address is the socket's unless TRUST_PROXY
 * names the proxies whose X-Forwarded-For is believed (Express's `trust proxy`, set in create-app). An interceptor, not a middleware: body parsers
 * run between the two and async context does not survive their stream callbacks.
 */
@Injectable()
export class RequestOriginInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Req>();
    const agent = req.headers['user-agent'];
    const origin = {
      requestId: req.id ?? '',
      ...(req.correlationId && { correlationId: req.correlationId }),
      ip: req.ip ?? null,
      userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
    };
    return new Observable((subscriber) =>
      withRequestOrigin(origin, () => next.handle().subscribe(subscriber)),
    );
  }
}
