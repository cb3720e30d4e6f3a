import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An administrative division (GB/T 2260): county 6 digits, township 9, village 12. */
@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 }) code!: string;
  @Column('text') name!: string;
  @Column('text') level!: 'county' | 'township' | 'village';
  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true }) parentCode!: string | null;
  /** A village's 村（居）民委员会 by its formal name (an organ; `name` is the place). */
  @Column({ name: 'committee_name', type: 'text', nullable: true }) committeeName?: string | null;
}

/** The organ that issues documents for a region: the county 民政局 or the township government. */
@Entity('agency')
export class AgencyEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @Column('text') name!: string;
  /** 机关代字 prefix of its 发文字号, e.g. "平" in 平民低确〔2026〕3号. */
  @Column('text') abbr!: string;
  @Column('text') level!: 'county' | 'township';
  /** 行政复议机关 named in remedy notices. */
  @Column({ name: 'review_government', type: 'text' }) reviewGovernment!: string;
  @Column('text') court!: string;
  @Column({ type: 'text', nullable: true }) address!: string | null;
}

/**
 * The organ (行政机关) acting for a region as it stood from `effectiveFrom`: what a document prints
 * about its issuer and about the township that receives, investigates and serves. A renamed or
 * re-sealed organ is a new row; documents take the row in force on their date.
 */
@Entity('organ')
export class OrganEntity {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 12 }) regionCode!: string;
  @PrimaryColumn({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  /** Full name as it acts, e.g. 平安县城关镇人民政府 (not the place name 城关镇). */
  @Column('text') name!: string;
  /** 机关代字 prefix of its 发文字号, e.g. "平城" in 平城民低受〔2026〕3号. */
  @Column('text') abbr!: string;
  @Column('text') level!: 'county' | 'township';
  /** The text along the ring of its seal. */
  @Column({ name: 'seal_text', type: 'text' }) sealText!: string;
  /** 行政复议机关 named in remedy notices. */
  @Column({ name: 'review_government', type: 'text' }) reviewGovernment!: string;
  @Column('text') court!: string;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
}
