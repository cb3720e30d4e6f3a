import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An administrative division (GB/T 2260): county 6 digits, township 9, village 12. */
@Entity('region')
export class RegionEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 }) code!: string;
  @Column('text') name!: string;
  @Column('text') level!: 'county' | 'township' | 'village';
  @Column({ name: 'parent_code', type: 'varchar', length: 12, nullable: true }) parentCode!: string | null;
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
