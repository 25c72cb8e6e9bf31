/** An office with the units and organs the letters tests use, on the store of this test project. */
import { freshServices } from '../helpers.js';

export async function letterOffice(now = '2026-06-30T17:00:00+07:00') {
  const { services, clock, dbPath } = await freshServices({ now });
  await services.directory.addUnit('STNMT', 'Sở Tài nguyên và Môi trường', 'admin');
  await services.directory.addUnit('SXD', 'Sở Xây dựng', 'admin');
  await services.directory.addUnit('TTHCC', 'Trung tâm Phục vụ hành chính công tỉnh', 'admin');
  await services.interchange.addOrgan({ organId: '000.00.31.H48', name: 'Ủy ban nhân dân huyện Sơn Tịnh' }, 'admin');
  await services.interchange.addOrgan({ organId: '000.00.15.H48', name: 'Thanh tra tỉnh Quảng Ngãi' }, 'admin');
  return { services, clock, dbPath };
}
