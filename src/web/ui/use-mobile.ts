import { Grid } from 'antd';

/** Phones and narrow windows (below antd's md, 768 px): lists become cards, tables give way to rows. */
export function useMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
