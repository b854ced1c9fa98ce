// Real US cities with a real ZIP in the city and approximate city-centre coordinates.

export interface City {
  readonly city: string;
  readonly region: string;
  readonly postalCode: string;
  readonly lat: number;
  readonly lon: number;
}

const row = (city: string, region: string, postalCode: string, lat: number, lon: number): City => ({ city, region, postalCode, lat, lon });

export const CITIES: readonly City[] = [
  row('Houston', 'TX', '77030', 29.7604, -95.3698),
  row('Dallas', 'TX', '75201', 32.7767, -96.797),
  row('San Antonio', 'TX', '78229', 29.4241, -98.4936),
  row('Austin', 'TX', '78701', 30.2672, -97.7431),
  row('Tulsa', 'OK', '74103', 36.154, -95.9928),
  row('Oklahoma City', 'OK', '73104', 35.4676, -97.5164),
  row('New Orleans', 'LA', '70112', 29.9511, -90.0715),
  row('Baton Rouge', 'LA', '70801', 30.4515, -91.1871),
  row('Shreveport', 'LA', '71101', 32.5252, -93.7502),
  row('Little Rock', 'AR', '72201', 34.7465, -92.2896),
  row('Jackson', 'MS', '39201', 32.2988, -90.1848),
  row('Birmingham', 'AL', '35233', 33.5186, -86.8104),
  row('Nashville', 'TN', '37203', 36.1627, -86.7816),
  row('Memphis', 'TN', '38103', 35.1495, -90.049),
  row('Atlanta', 'GA', '30303', 33.749, -84.388),
  row('Jacksonville', 'FL', '32202', 30.3322, -81.6557),
  row('Tampa', 'FL', '33602', 27.9506, -82.4572),
  row('Orlando', 'FL', '32801', 28.5383, -81.3792),
  row('Miami', 'FL', '33136', 25.7617, -80.1918),
  row('Charlotte', 'NC', '28202', 35.2271, -80.8431),
  row('Durham', 'NC', '27705', 35.994, -78.8986),
  row('Raleigh', 'NC', '27601', 35.7796, -78.6382),
  row('Columbia', 'SC', '29201', 34.0007, -81.0348),
  row('Richmond', 'VA', '23219', 37.5407, -77.436),
  row('Salem', 'VA', '24153', 37.2935, -80.0548),
  row('Baltimore', 'MD', '21201', 39.2904, -76.6122),
  row('Philadelphia', 'PA', '19104', 39.9526, -75.1652),
  row('Pittsburgh', 'PA', '15213', 40.4406, -79.9959),
  row('Altoona', 'PA', '16601', 40.5187, -78.3947),
  row('Newark', 'NJ', '07102', 40.7357, -74.1724),
  row('Albany', 'NY', '12208', 42.6526, -73.7562),
  row('Buffalo', 'NY', '14203', 42.8864, -78.8784),
  row('Boston', 'MA', '02114', 42.3601, -71.0589),
  row('Hartford', 'CT', '06106', 41.7658, -72.6734),
  row('Providence', 'RI', '02903', 41.824, -71.4128),
  row('Cleveland', 'OH', '44106', 41.4993, -81.6944),
  row('Columbus', 'OH', '43215', 39.9612, -82.9988),
  row('Cincinnati', 'OH', '45220', 39.1031, -84.512),
  row('Detroit', 'MI', '48201', 42.3314, -83.0458),
  row('Grand Rapids', 'MI', '49503', 42.9634, -85.6681),
  row('Indianapolis', 'IN', '46202', 39.7684, -86.1581),
  row('Chicago', 'IL', '60612', 41.8781, -87.6298),
  row('Hines', 'IL', '60141', 41.8542, -87.8348),
  row('Milwaukee', 'WI', '53226', 43.0389, -87.9065),
  row('Minneapolis', 'MN', '55417', 44.9778, -93.265),
  row('Des Moines', 'IA', '50309', 41.5868, -93.625),
  row('Omaha', 'NE', '68105', 41.2565, -95.9345),
  row('Kansas City', 'MO', '64108', 39.0997, -94.5786),
  row('St. Louis', 'MO', '63110', 38.627, -90.1994),
  row('Wichita', 'KS', '67214', 37.6872, -97.3301),
  row('Denver', 'CO', '80204', 39.7392, -104.9903),
  row('Salt Lake City', 'UT', '84148', 40.7608, -111.891),
  row('Albuquerque', 'NM', '87108', 35.0844, -106.6504),
  row('Phoenix', 'AZ', '85012', 33.4484, -112.074),
  row('Tucson', 'AZ', '85723', 32.2226, -110.9747),
  row('Las Vegas', 'NV', '89106', 36.1699, -115.1398),
  row('Boise', 'ID', '83702', 43.615, -116.2023),
  row('Portland', 'OR', '97239', 45.5152, -122.6784),
  row('Seattle', 'WA', '98104', 47.6062, -122.3321),
  row('Sacramento', 'CA', '95817', 38.5816, -121.4944),
  row('San Diego', 'CA', '92161', 32.7157, -117.1611),
  row('Los Angeles', 'CA', '90073', 34.0522, -118.2437),
  row('Anchorage', 'AK', '99508', 61.2181, -149.9003),
  row('Honolulu', 'HI', '96813', 21.3069, -157.8583),
];

export const STATE_NAMES: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California', CO: 'Colorado', CT: 'Connecticut',
  FL: 'Florida', GA: 'Georgia', HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa', KS: 'Kansas',
  LA: 'Louisiana', MD: 'Maryland', MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi',
  MO: 'Missouri', NE: 'Nebraska', NV: 'Nevada', NJ: 'New Jersey', NM: 'New Mexico', NY: 'New York',
  NC: 'North Carolina', OH: 'Ohio', OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island',
  SC: 'South Carolina', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VA: 'Virginia', WA: 'Washington', WI: 'Wisconsin',
};
