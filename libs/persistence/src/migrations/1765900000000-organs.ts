import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organs as dated data (issue 17, L1): the 行政机关 that acts for a region — its full name
 * (平安县城关镇人民政府, never the place name 城关镇), the 机关代字 of its 文号, the text of its seal,
 * its 复议机关 and court, address and telephone — with the date from which each version is in
 * force, so a document names the organ as it stood on the document's date. `agency` stays as the
 * register of regions that issue documents (document rows refer to it); every printed particular
 * comes from `organ`. Existing agencies become organs in force since 1970-01-01.
 */
export class Organs1765900000000 implements MigrationInterface {
  name = 'Organs1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organ (
        region_code varchar(12) NOT NULL REFERENCES agency(region_code),
        effective_from date NOT NULL,
        name text NOT NULL,
        abbr text NOT NULL,
        level text NOT NULL CHECK (level IN ('county','township')),
        seal_text text NOT NULL,
        review_government text NOT NULL,
        court text NOT NULL,
        address text,
        phone text,
        PRIMARY KEY (region_code, effective_from)
      );
      INSERT INTO organ (region_code, effective_from, name, abbr, level, seal_text, review_government, court, address)
        SELECT region_code, DATE '1970-01-01', name, abbr, level, name, review_government, court, address FROM agency;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organ`);
  }
}
