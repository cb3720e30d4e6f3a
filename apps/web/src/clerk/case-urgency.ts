/** Four-colour urgency tag of an emergency case (四色：红、黄、蓝、绿), DOMAIN.md §4. */
export type CaseUrgency = 'red' | 'yellow' | 'blue' | 'green';

export const URGENCY: Record<CaseUrgency, { label: string; background: string; color: string }> = {
  red: { label: '红色', background: '#d93025', color: '#fff' },
  yellow: { label: '黄色', background: '#f5c518', color: '#3c2f00' },
  blue: { label: '蓝色', background: '#1a73e8', color: '#fff' },
  green: { label: '绿色', background: '#188038', color: '#fff' },
};
