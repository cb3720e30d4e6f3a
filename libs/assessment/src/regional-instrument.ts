/**
 * A region's own instrument (the provincial 低收入人口认定办法) as the policy parameters record it
 * and documents cite it. Framework-free: the web's parameter page shows the same citation.
 */
export interface RegionalInstrument {
  /** Its published title, without 书名号 (e.g. 某省低收入人口认定办法). */
  title: string;
  /** Its 文号 where it has one (e.g. 某民规〔2024〕3号). */
  documentNumber?: string | null;
  /** The articles applied (e.g. 第五条、第六条). */
  articles: string;
}

/** An instrument as a document cites it: 《title》（文号）articles. */
export function instrumentCitation(i: RegionalInstrument): string {
  const title = i.title.trim().replace(/^《(.*)》$/, '$1');
  const number = i.documentNumber?.trim().replace(/^（(.*)）$/, '$1');
  return `《${title}》${number ? `（${number}）` : ''}${i.articles.trim()}`;
}
