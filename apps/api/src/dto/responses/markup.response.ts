import { ApiProperty } from '@nestjs/swagger';

/** One block of parsed document markup (libs/documents parse-markup), told apart by `kind`. */
export class ParagraphBlockDto {
  @ApiProperty({ enum: ['paragraph'] })
  kind!: 'paragraph';

  @ApiProperty({ type: String })
  text!: string;
}

export class HeadingBlockDto {
  @ApiProperty({ enum: ['heading'] })
  kind!: 'heading';

  @ApiProperty({ enum: [1, 2], type: Number })
  level!: 1 | 2;

  @ApiProperty({ type: String })
  text!: string;
}

export class LineBlockDto {
  @ApiProperty({ enum: ['line'] })
  kind!: 'line';

  @ApiProperty({ type: String })
  text!: string;

  @ApiProperty({ enum: ['left', 'right', 'center'] })
  align!: 'left' | 'right' | 'center';
}

export class TableBlockDto {
  @ApiProperty({ enum: ['table'] })
  kind!: 'table';

  @ApiProperty({ type: Boolean })
  header!: boolean;

  @ApiProperty({ type: 'array', items: { type: 'array', items: { type: 'string' } } })
  rows!: string[][];
}

export class SignBlockDto {
  @ApiProperty({ enum: ['sign'] })
  kind!: 'sign';
}

export class PageBreakBlockDto {
  @ApiProperty({ enum: ['pageBreak'] })
  kind!: 'pageBreak';
}

export class GapBlockDto {
  @ApiProperty({ enum: ['gap'] })
  kind!: 'gap';
}

export const MARKUP_BLOCKS = [
  ParagraphBlockDto,
  HeadingBlockDto,
  LineBlockDto,
  TableBlockDto,
  SignBlockDto,
  PageBreakBlockDto,
  GapBlockDto,
];

export type MarkupBlock =
  | ParagraphBlockDto
  | HeadingBlockDto
  | LineBlockDto
  | TableBlockDto
  | SignBlockDto
  | PageBreakBlockDto
  | GapBlockDto;
