import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, Clock, stableStringify } from '@app/common';
import { regionLevel } from '@app/assistance';
import { formatCnDate, renderDocument } from '@app/documents';
import { Database } from '@app/persistence';
import { caseRepository as cases, issuerData, programName } from '@app/cases';
import { TemplateStore } from '@app/issuance';
import { beneficiaryRepository as beneficiaries } from './beneficiary.repository';

export const PUBLIC_LISTING_TEMPLATE = 'public-listing';

export interface PublicListingRow {
  /** Full name: 审核确认办法第二十四条 publishes the applicant's name. */
  name: string;
  program: string;
  programName: string;
  householdSize: number;
  monthlyAmountFen: number | null;
}

export interface PublicListing {
  region: { code: string; name: string; path: string };
  asOf: string;
  total: number;
  rows: PublicListingRow[];
}

/**
 * 长期公布 (审核确认办法第二十四条): who receives assistance in a village, published without
 * login. Only what Art. 24 lists — the head's name, household size and amount — and the program:
 * no ID number (masked or not), start month, health, disability or address beyond the village
 * (社会救助暂行办法第六十一条). The posted PDF prints the same rows.
 */
@Injectable()
export class PublicListingService {
  constructor(
    @Inject(Database) private readonly db: Database,
    @Inject(TemplateStore) private readonly templates: TemplateStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async listing(regionCode: string | undefined): Promise<PublicListing> {
    const code = (regionCode ?? '').trim();
    if (regionLevel(code) !== 'village') {
      throw AppError.validation('请选择村（社区）：应为12位村（社区）行政区划代码', [
        { field: 'regionCode', message: '应为12位村（社区）行政区划代码' },
      ]);
    }
    return this.db.read(async (em) => {
      const region = await cases.region(em, code);
      if (!region) throw AppError.notFound(`行政区划 ${code} 不存在`);
      const rows = await beneficiaries.listedIn(em, code);
      return {
        region: { code, name: region.name, path: await cases.regionPath(em, code) },
        asOf: this.clock.today(),
        total: rows.length,
        rows: rows.map((r) => ({
          name: r.name,
          program: r.program,
          programName: programName(r.program),
          householdSize: Number(r.householdSize),
          monthlyAmountFen: r.amount,
        })),
      };
    });
  }

  /** The listing as the posted document (template `public-listing`), rendered on demand. */
  async pdf(regionCode: string | undefined): Promise<{ pdf: Buffer; title: string }> {
    const listing = await this.listing(regionCode);
    const now = this.clock.now();
    const { template, agency } = await this.db.read(async (em) => ({
      template: await this.templates.get(em, PUBLIC_LISTING_TEMPLATE, now),
      agency: await cases.organ(em, listing.region.code.slice(0, 6), listing.asOf),
    }));
    if (!agency) throw AppError.notFound('该县未配置发文机关');
    const body = {
      asOf: listing.asOf,
      total: listing.total,
      rows: listing.rows.map((r) => ({
        // Art. 24 publishes name, family size and amount: no ID number, masked or not (issue 17 F10).
        name: r.name,
        programName: r.programName,
        householdSize: r.householdSize,
        ...(r.monthlyAmountFen !== null && { amount: r.monthlyAmountFen }),
      })),
    };
    // Anyone holding the paper can compare it with the live listing: the code is its content hash.
    const verifyCode = createHash('sha256')
      .update(stableStringify({ region: listing.region.code, ...body }))
      .digest('hex')
      .slice(0, 16)
      .toUpperCase();
    const data = {
      document: { title: template.manifest.title, issuedDate: formatCnDate(listing.asOf), verifyCode },
      issuer: issuerData(agency),
      village: { name: listing.region.name },
      listing: body,
    };
    const base = (process.env.PUBLIC_URL || `http://localhost:${process.env.PORT || 3000}`).replace(
      /\/$/,
      '',
    );
    const pdf = await renderDocument({
      template,
      data,
      issuedAt: now,
      verifyCode,
      verifyUrl: `${base}/api/public/listing?regionCode=${listing.region.code}`,
    });
    return { pdf, title: `${listing.region.name}${template.manifest.title}` };
  }
}
