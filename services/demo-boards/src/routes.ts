import type { Route } from './http.ts';
import { jsonLdSiteRoutes } from './formats/jsonld-site.ts';
import { greenhouseRoutes } from './formats/greenhouse.ts';
import { leverRoutes } from './formats/lever.ts';
import { ashbyRoutes } from './formats/ashby.ts';
import { smartRecruitersRoutes } from './formats/smartrecruiters.ts';
import { workdayRoutes } from './formats/workday.ts';
import { usajobsRoutes } from './formats/usajobs.ts';
import { feedRoutes } from './formats/feeds.ts';
import { icimsRoutes } from './formats/icims.ts';
import { benchSiteRoutes } from './formats/bench-site.ts';

export const ALL_ROUTES: readonly Route[] = [
  ...jsonLdSiteRoutes, ...greenhouseRoutes, ...leverRoutes, ...ashbyRoutes, ...smartRecruitersRoutes,
  ...workdayRoutes, ...usajobsRoutes, ...feedRoutes, ...icimsRoutes, ...benchSiteRoutes,
];
