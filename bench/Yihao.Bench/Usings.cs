// What every bench uses: the app's data, domain and infrastructure, EF, the stopwatch, and the shared setup.
global using System.Diagnostics;
global using Microsoft.EntityFrameworkCore;
global using Yihao.Web.Data;
global using Yihao.Web.Domain;
global using Yihao.Web.Infrastructure;
global using static Yihao.Bench.BenchDistrict;
