// The bench mix: selective and broad terms, alone and with filters, on every sort.
export const BENCH_QUERIES: string[] = [
  'q=tumor+registry', 'q=oncology', 'q=DRG+validation', 'q=pediatric+telehealth', 'q=Meditech', 'q=behavioral+health',
  'q=HCC&role=coder_risk_adjustment', 'q=%22master+patient+index%22', 'q=coding', 'q=records', 'q=health+information',
  'q=coder+-inpatient', 'q=Epic&state=TX', 'q=cancer+registrar&credential=ODS-C', 'q=release+of+information&state=CA,NY',
  'q=analyst&minPay=80000&sort=pay', 'q=coding&workMode=remote&remoteState=OR', 'q=inpatient&credential=CCS&credentialMode=required',
  'q=audit&sort=posted', 'q=Tableau&minDegree=bachelor',
  'role=coder_inpatient', 'role=cdi_specialist,coder_inpatient&state=FL', 'credential=RHIT', 'credential=RHIA&credentialMode=required',
  'state=OH&workMode=hybrid', 'nearZip=75201&radiusMiles=50', 'nearZip=10001&radiusMiles=25&role=him_technician',
  'minPay=30&payPeriod=hour', 'minPay=60000&maxPay=70000', 'sort=pay', 'employmentType=per_diem', 'postedSince=2026-11-01',
  'closingBefore=2026-12-15', 'employer=Mercy+Hospital+17', 'source=bench', 'federalSeries=0675&federalGrade=6', 'status=closed',
  'workMode=remote&remoteState=WA&credential=CPC', 'minDegree=associate&role=him_manager&sort=pay', 'limit=100',
];
