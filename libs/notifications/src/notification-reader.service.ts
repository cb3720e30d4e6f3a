import { Inject, Injectable } from '@nestjs/common';
import { Clock, shanghaiDateTime } from '@app/common';
import { AuthUser } from '@app/auth';
import { Database } from '@app/persistence';
import { MessageRow, notificationRepository as repo } from './notification.repository';

export interface MessageView {
  id: string;
  caseId: string | null;
  caseNo: string | null;
  subject: string;
  body: string;
  /** Beijing wall-clock time, YYYY-MM-DDTHH:mm:ss. */
  at: string;
  read: boolean;
}

/** The message centre as its readers see it: the applicant's own, or staff's by role and region. */
@Injectable()
export class NotificationReader {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async forApplicant(user: AuthUser): Promise<MessageView[]> {
    return (await this.db.read((em) => repo.applicantMessages(em, user.id))).map(view);
  }

  async forStaff(user: AuthUser): Promise<MessageView[]> {
    const roles: string[] = user.duties.length ? user.duties : [user.role];
    return (await this.db.read((em) => repo.staffMessages(em, roles, user.regionCode))).map(view);
  }

  /** Marks the reader's own messages read (ids not theirs are ignored by the lists they came from). */
  async markRead(user: AuthUser, ids: string[]): Promise<void> {
    const mine = new Set(
      (user.role === 'applicant' ? await this.forApplicant(user) : await this.forStaff(user)).map(
        (m) => m.id,
      ),
    );
    await this.db.transaction((em) =>
      repo.markRead(
        em,
        ids.filter((id) => mine.has(id)),
        this.clock.now(),
      ),
    );
  }
}

function view(r: MessageRow): MessageView {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNo: r.case_no,
    subject: r.subject,
    body: r.body,
    at: shanghaiDateTime(new Date(r.created_at)),
    read: r.read_at !== null,
  };
}
